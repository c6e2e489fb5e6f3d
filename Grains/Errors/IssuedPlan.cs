using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>A plan handed out, remembered so a late outcome can be checked against the strategy it was planned with.</summary>
[GenerateSerializer, Alias("rc.issued-plan")]
public sealed class IssuedPlan
{
    [Id(0)] public int Attempt { get; set; }
    [Id(1)] public int Episode { get; set; }
    [Id(2)] public RecoveryLevel Level { get; set; }
    [Id(3)] public string StrategyId { get; set; } = string.Empty;

    /// <summary>A level-1 attempt handed out while the error was held as escalated; it is outside the episode.</summary>
    [Id(4)] public bool Held { get; set; }

    /// <summary>The timeout the plan handed out: the adaptive timeout's floor after a success is half of it.</summary>
    [Id(5)] public TimeSpan? Timeout { get; set; }
}
