using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>The errors whose attempts make up a chart's cell or point, the most recently attempted first.</summary>
public static class ErrorsBehind
{
    public static IReadOnlyList<ErrorBehind> Select(IEnumerable<RecoveryRecord> records, IEnumerable<ErrorSummary> summaries, int limit)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // The index may hold several revisions of one error: the latest speaks for it.
        var latest = summaries.GroupBy(s => s.ErrorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Revision)!, StringComparer.Ordinal);
        return [.. records
            .GroupBy(r => r.ErrorId, StringComparer.Ordinal)
            .Select(g =>
            {
                var last = g.MaxBy(r => r.Timestamp)!;
                latest.TryGetValue(g.Key, out var summary);
                return new ErrorBehind(
                    g.Key, last.ErrorType.ToName(), last.Component, g.LongCount(), g.LongCount(r => r.Success), last.Timestamp,
                    summary?.Message, summary?.Status, summary?.CurrentLevel);
            })
            .OrderByDescending(e => e.LastAttempt).ThenBy(e => e.ErrorId, StringComparer.Ordinal)
            .Take(limit)];
    }
}
