using RecoveryCluster.Events;

namespace RecoveryCluster.Grains.Events;

/// <summary>
/// A consumer on the silo where an event happened (the escalation webhook, say): it sees each event once, on that
/// silo, before the hub does. <see cref="Offer"/> must never wait.
/// </summary>
public interface IRecoveryEventSink
{
    void Offer(RecoveryEvent e);
}
