namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>Calls seen in one slice of the ratio-mode sampling window.</summary>
[GenerateSerializer, Alias("rc.sampling-bucket")]
public sealed class SamplingBucket
{
    [Id(0)] public DateTimeOffset Start { get; set; }
    [Id(1)] public int Failures { get; set; }
    [Id(2)] public int Successes { get; set; }
}
