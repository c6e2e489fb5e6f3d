using System.Diagnostics.Metrics;

namespace RecoveryCluster.Client.FleetLimits;

/// <summary>The fleet limits' instruments, on the client's meter.</summary>
internal static class FleetLimitMetrics
{
    // A meter of the same name as ClientMetrics': listeners subscribe by name, and ClientMetrics keeps its own private.
    private static readonly Meter Meter = new(ClientMetrics.MeterName);

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "rc.client.fleet_limit_rejections", description: "Calls refused because this worker's share of a fleet limit was spent");

    public static readonly Counter<long> RenewalFailures = Meter.CreateCounter<long>(
        "rc.client.fleet_limit_renewal_failures", description: "Lease renewals the cluster did not answer; the last share stays in force");

    public static readonly Counter<long> HedgesSkipped = Meter.CreateCounter<long>(
        "rc.client.hedges_skipped", description: "Hedged copies not started because this worker's share of the fleet limit was spent");
}
