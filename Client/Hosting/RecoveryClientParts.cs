using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Gate;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Measurement;
using RecoveryCluster.Client.Recovery;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.Client.Hosting;

/// <summary>
/// The services a <see cref="RecoveryClient"/> is made of. <c>AddRecoveryClient</c> registers each of them;
/// <see cref="Compose"/> wires the same graph by hand for a client made without a container, whose per-call options
/// are the ones it was given.
/// </summary>
internal sealed record RecoveryClientParts(
    IOptions<RecoveryClientOptions> Options, PerCallOptions PerCall, ErrorClassifier Classifier, ClusterConnectionStatus Connection, ClusterCalls Calls, CircuitGates Gates,
    StabilityTracker Stability, OfflineRecoveries Offline, RecoveryLoop Loop, RecoveryClientBackground Background, RecoveryHooks Hooks,
    IGrainFactory Grains, TimeProvider Time, ILogger<RecoveryClient> Logger)
{
    public static RecoveryClientParts Compose(
        IGrainFactory grains, IOptions<RecoveryClientOptions> options, ErrorClassifier classifier, StrategyRegistry strategies,
        IRecoveryActions actions, TimeProvider time, ILogger<RecoveryClient> logger, RecoveryHooks? hooks, ClusterConnectionStatus? connection,
        ErrorCorrections? corrections)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        connection ??= ClusterConnectionStatus.AlwaysConnected();
        hooks ??= new RecoveryHooks();
        var calls = new ClusterCalls(options, time);
        var gates = new CircuitGates(grains, options, connection, calls, time, logger);
        var stability = new StabilityTracker(grains, calls, time, options);
        var offline = new OfflineRecoveries(grains, options, connection, calls, time, logger);
        var perCall = new PerCallOptions(options, null);
        var loop = new RecoveryLoop(
            grains, options, perCall, classifier, strategies, actions, time, logger, new ResourceSampler(time), stability, hooks, connection, offline, calls,
            corrections ?? ErrorCorrections.None);
        var background = new RecoveryClientBackground(options, gates, stability, offline, connection, time, logger);
        return new(options, perCall, classifier, connection, calls, gates, stability, offline, loop, background, hooks, grains, time, logger);
    }
}
