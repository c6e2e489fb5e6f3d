using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RecoveryCluster.Client;

/// <summary>The worker library's instruments, on the <c>RecoveryCluster.Client</c> meter and activity source.</summary>
internal static class ClientMetrics
{
    public const string MeterName = "RecoveryCluster.Client";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// A span per recovery (<c>RecoveryClient.Recover</c>); with Orleans' activity propagation (and a listener on
    /// <c>Microsoft.Orleans.Application</c>) the cluster's report and outcome spans join its trace.
    /// </summary>
    public static readonly ActivitySource Activities = new(MeterName);

    public static readonly Counter<long> ClusterUnreachable = Meter.CreateCounter<long>("rc.client.cluster_unreachable", description: "Times a cluster call failed and the worker fell back to its local breaker");
    public static readonly Counter<long> LocalBreakerOpened = Meter.CreateCounter<long>("rc.client.local_breaker_opened");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("rc.client.circuit_rejections", description: "Calls refused because a circuit was open");
    public static readonly Counter<long> Recoveries = Meter.CreateCounter<long>("rc.client.recoveries");
    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>("rc.client.escalations");
    public static readonly Counter<long> CallbackFailures = Meter.CreateCounter<long>("rc.client.callback_failures", description: "Breaker transition callbacks (OnOpened, OnClosed, OnHalfOpened) that threw");
    public static readonly Counter<long> LocalRecoveries = Meter.CreateCounter<long>("rc.client.local_recoveries", description: "Failures recovered by this worker alone while the cluster was out of reach");
    public static readonly Counter<long> OfflineBuffered = Meter.CreateCounter<long>("rc.client.offline.buffered", description: "Offline recovery records kept for the cluster");
    public static readonly Counter<long> OfflineSent = Meter.CreateCounter<long>("rc.client.offline.sent", description: "Offline recovery records the cluster took");
    public static readonly Counter<long> OfflineDropped = Meter.CreateCounter<long>("rc.client.offline.dropped", description: "Offline recovery records dropped unsent (buffer full, too old, refused, or at stop)");
}
