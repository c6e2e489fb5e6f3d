namespace RecoveryCluster.Errors;

/// <summary>An error that failed every automatic level and now needs a person.</summary>
/// <param name="Episode">The error's episode that escalated (1, 2, ...): an error escalates at most once per episode; 0 when unknown.</param>
[GenerateSerializer, Immutable, Alias("rc.escalation-record")]
public sealed record EscalationRecord(
    [property: Id(0)] string ErrorId,
    [property: Id(1)] ErrorType Type,
    [property: Id(2)] string Component,
    [property: Id(3)] string Operation,
    [property: Id(4)] string Message,
    [property: Id(5)] int Attempts,
    [property: Id(6)] IReadOnlyList<string> StrategiesTried,
    [property: Id(7)] DateTimeOffset EscalatedAt,
    [property: Id(8)] int Episode = 0);
