using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// Keeps an index shard within its share of the cap: past it, the shard drops back to nine tenths of it (so it does not
/// sort on every batch), resolved errors first, the least recently seen first; only if that is not enough do the
/// least recently seen unresolved ones go too. A dropped error still exists (its grain, and in durable mode its row):
/// it is only no longer listed, until its next change lists it again.
/// </summary>
public static class IndexEviction
{
    /// <summary>Removes what must go; returns how many.</summary>
    public static int Trim(Dictionary<string, ErrorSummary> errors, int capacity)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (errors.Count <= capacity)
        {
            return 0;
        }

        var keep = Math.Max(1, capacity * 9 / 10);
        var leaving = errors.Values
            .OrderBy(e => e.Status == ErrorStatus.Resolved ? 0 : 1)
            .ThenBy(e => e.LastSeen)
            .ThenBy(e => e.ErrorId, StringComparer.Ordinal)
            .Take(errors.Count - keep)
            .Select(e => e.ErrorId)
            .ToArray();
        foreach (var errorId in leaving)
        {
            errors.Remove(errorId);
        }

        return leaving.Length;
    }
}
