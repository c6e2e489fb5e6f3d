using RecoveryCluster.Policies;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>A component policy as PUT: the whole policy (an absent part takes its defaults, it does not keep the old one).</summary>
public sealed record ComponentPolicyBody(BreakerSettings? Breaker, LimitBody? Limit, HedgingBody? Hedging)
{
    public ComponentPolicy ToPolicy() => new(
        Breaker ?? BreakerSettings.Inherited,
        Limit?.ToPolicy() ?? ComponentPolicy.Default.Limit,
        Hedging?.ToPolicy() ?? ComponentPolicy.Default.Hedging);
}
