using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Client;

/// <summary>
/// Failures a worker recovered on its own while the cluster was out of reach, kept until it returns and then sent
/// with their original times (section <c>RecoveryCluster:Client:OfflineBuffer</c>). When full, the oldest record
/// makes room; every record dropped (full, too old, refused or unsent at stop) is counted and logged.
/// </summary>
public sealed class OfflineBufferOptions
{
    /// <summary>Most records kept; a record is one failed call with its local attempts (a few hundred bytes).</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Records older than this are dropped rather than sent: statistics want the recent past, not last week.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the buffer is sent while the cluster is reachable (it also goes at once on reconnect).</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (Capacity < 1)
        {
            yield return new ValidationResult("OfflineBuffer.Capacity must be at least 1.", [nameof(Capacity)]);
        }

        if (MaxAge <= TimeSpan.Zero || SendInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("OfflineBuffer.MaxAge and OfflineBuffer.SendInterval must be positive.", [nameof(MaxAge)]);
        }
    }
}
