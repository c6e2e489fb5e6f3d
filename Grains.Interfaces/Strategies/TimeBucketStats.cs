namespace RecoveryCluster.Strategies;

/// <summary>Executions in one time bucket (an hour by default), for trends.</summary>
[GenerateSerializer, Immutable, Alias("rc.time-bucket-stats")]
public sealed record TimeBucketStats(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] long Executions,
    [property: Id(2)] long Successes,
    [property: Id(3)] double TotalSeconds);
