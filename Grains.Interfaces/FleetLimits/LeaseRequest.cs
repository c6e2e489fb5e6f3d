namespace RecoveryCluster.FleetLimits;

/// <summary>
/// A worker's lease renewal: what it holds, what it would use, and how the component behaved since its last renewal
/// (for the adaptive limit).
/// </summary>
/// <param name="HeldConcurrency">The concurrency share the worker holds now (null: none), so a new activation of the limit grain learns it.</param>
/// <param name="HeldRate">The rate share the worker holds now (null: none).</param>
/// <param name="ConcurrencyDemand">The most calls the worker wanted in flight at once since its last renewal, rejected ones included.</param>
/// <param name="RateDemand">Calls per second the worker wanted to start since its last renewal, rejected ones included.</param>
/// <param name="Calls">Calls completed since the last renewal.</param>
/// <param name="Failures">Of those, calls that failed.</param>
/// <param name="TotalLatency">The summed time of those calls.</param>
/// <param name="Observer">Told of policy changes while the lease lasts (the lease is the subscription).</param>
/// <param name="Latencies">Per hedged operation, this worker's latency at the hedging percentile, for the learned delay.</param>
[GenerateSerializer, Immutable, Alias("rc.lease-request")]
public sealed record LeaseRequest(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int? HeldConcurrency,
    [property: Id(2)] double? HeldRate,
    [property: Id(3)] int ConcurrencyDemand,
    [property: Id(4)] double RateDemand,
    [property: Id(5)] long Calls,
    [property: Id(6)] long Failures,
    [property: Id(7)] TimeSpan TotalLatency,
    [property: Id(8)] IFleetLimitObserver? Observer = null,
    [property: Id(9)] IReadOnlyList<OperationLatency>? Latencies = null)
{
    /// <summary>Most operations one renewal reports latencies of.</summary>
    public const int MaxLatencies = 64;

    /// <summary>A first request: nothing held, nothing measured yet.</summary>
    public static LeaseRequest First(string workerId) => new(workerId, null, null, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Checks every field; the exception names the first one out of range.</summary>
    public LeaseRequest Validate()
    {
        Guard.Key(WorkerId, "workerId");
        if (HeldConcurrency is < 0)
        {
            throw new ArgumentOutOfRangeException("heldConcurrency", HeldConcurrency, "'heldConcurrency' must not be negative.");
        }

        if (HeldRate is { } held)
        {
            Guard.NonNegative(held, "heldRate");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ConcurrencyDemand, "concurrencyDemand");
        Guard.NonNegative(RateDemand, "rateDemand");
        ArgumentOutOfRangeException.ThrowIfNegative(Calls, "calls");
        ArgumentOutOfRangeException.ThrowIfNegative(Failures, "failures");
        if (Failures > Calls)
        {
            throw new ArgumentOutOfRangeException("failures", Failures, "'failures' must not exceed 'calls'.");
        }

        Guard.Duration(TotalLatency, "totalLatency");
        if (Latencies is { } latencies)
        {
            if (latencies.Count > MaxLatencies)
            {
                throw new ArgumentException($"'latencies' has {latencies.Count} items; a renewal carries at most {MaxLatencies}.", "latencies");
            }

            foreach (var latency in latencies)
            {
                ArgumentNullException.ThrowIfNull(latency, "latencies");
                Guard.Key(latency.Operation, "latencies.operation");
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latency.Calls, "latencies.calls");
                Guard.Duration(latency.Quantile, "latencies.quantile");
            }
        }

        return this;
    }
}
