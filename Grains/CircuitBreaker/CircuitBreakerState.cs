using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>The persisted state of one breaker; <see cref="CircuitBreakerPolicy"/> is the only code that changes it.</summary>
[GenerateSerializer, Alias("rc.circuit-breaker-state")]
public sealed class CircuitBreakerState
{
    [Id(0)] public CircuitState State { get; set; } = CircuitState.Closed;
    [Id(1)] public long Version { get; set; }
    [Id(2)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(3)] public DateTimeOffset? RetryAfter { get; set; }
    [Id(4)] public string? IsolationReason { get; set; }

    /// <summary>Counted failures since the last success (consecutive mode).</summary>
    [Id(5)] public int ConsecutiveFailures { get; set; }

    /// <summary>Workers behind <see cref="ConsecutiveFailures"/>.</summary>
    [Id(6)] public HashSet<string> ChainReporters { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public Dictionary<string, WorkerFailure> LastFailureByWorker { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ratio-mode window, oldest first.</summary>
    [Id(8)] public List<SamplingBucket> Buckets { get; set; } = [];

    /// <summary>Workers with a counted failure, and when, for the ratio-mode quorum.</summary>
    [Id(9)] public Dictionary<string, DateTimeOffset> WindowReporters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Probe permits held while half-open: worker → expiry.</summary>
    [Id(10)] public Dictionary<string, DateTimeOffset> ProbePermits { get; set; } = new(StringComparer.Ordinal);

    [Id(11)] public int ProbeSuccesses { get; set; }
    [Id(12)] public string? LastFailure { get; set; }
    [Id(13)] public DateTimeOffset? LastTransitionAt { get; set; }

    /// <summary>Times a failed probe reopened the circuit since it last closed; each makes the next open period longer.</summary>
    [Id(14)] public int Reopenings { get; set; }

    /// <summary>The component policy's breaker rules (null: the silo's options).</summary>
    [Id(15)] public RecoveryCluster.Policies.BreakerSettings? Overrides { get; set; }
}
