using RecoveryCluster.Policies;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>The <c>hedging</c> part of a policy PUT; an absent field takes its default (off, one hedge, learned p95 within 10 ms..5 s).</summary>
public sealed record HedgingBody(bool? Enabled, int? MaxHedgedAttempts, TimeSpan? FixedDelay, double? Percentile, TimeSpan? MinDelay, TimeSpan? MaxDelay)
{
    public HedgingPolicy ToPolicy()
    {
        var defaults = HedgingPolicy.Off;
        return new HedgingPolicy(
            Enabled ?? defaults.Enabled, MaxHedgedAttempts ?? defaults.MaxHedgedAttempts, FixedDelay, Percentile ?? defaults.Percentile,
            MinDelay ?? defaults.MinDelay, MaxDelay ?? defaults.MaxDelay);
    }
}
