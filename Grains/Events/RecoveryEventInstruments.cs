using System.Diagnostics.Metrics;

namespace RecoveryCluster.Grains.Events;

/// <summary>The anomaly counter of the event hub, on the <c>RecoveryCluster</c> meter.</summary>
public sealed class RecoveryEventInstruments
{
    public RecoveryEventInstruments(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Anomalies = meters.Create(RecoveryInstruments.Name)
            .CreateCounter<long>("rc.anomalies.detected", description: "Recovery metric values beyond the anomaly threshold");
    }

    public Counter<long> Anomalies { get; }
}
