namespace RecoveryCluster.Logging;

/// <summary>
/// Lets one log line through per <see cref="Period"/> and counts the ones held back, for events an outsider can
/// trigger at will (a refused API key): the log shows that it happens and how often, not each time.
/// </summary>
public sealed class LogThrottle(TimeSpan period, TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _nextAllowed = long.MinValue;
    private long _heldBack;

    public TimeSpan Period { get; } = period > TimeSpan.Zero ? period : throw new ArgumentOutOfRangeException(nameof(period), period, "'period' must be positive.");

    /// <summary>True when this event should be logged; <paramref name="heldBack"/> is how many were not since the last one that was.</summary>
    public bool TryEnter(out long heldBack)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (now < _nextAllowed)
            {
                _heldBack++;
                heldBack = 0;
                return false;
            }

            _nextAllowed = now + (long)(Period.TotalSeconds * time.TimestampFrequency);
            heldBack = _heldBack;
            _heldBack = 0;
            return true;
        }
    }
}
