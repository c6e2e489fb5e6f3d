using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.DurableTests;

/// <summary>
/// After a fault: every acknowledged outcome is in the history and in its grains. For each error and each
/// (type, strategy) pair, acknowledged ≤ what the grain counts ≤ rows in the history (the row commits first).
/// Executions reach the statistics in per-silo batches, and a batch dies with its silo; the statistics are derived
/// from the history, so the audit checks them as a fresh activation derives them.
/// </summary>
internal static class DurabilityAudit
{
    public static async Task<string> AssertNothingAcknowledgedIsLostAsync(string db, IGrainFactory grains, RecoveryLoad load)
    {
        var rowsByError = (await Database.RowsAsync(db, "SELECT error_id, count(*) FROM recovery_performance GROUP BY error_id"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        var rowsByPair = (await Database.RowsAsync(db, "SELECT error_type || '/' || strategy_id, count(*) FROM recovery_performance GROUP BY 1"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);

        foreach (var (errorId, acknowledged) in load.AcknowledgedByError)
        {
            var rows = rowsByError.GetValueOrDefault(errorId);
            var report = await grains.GetGrain<IErrorGrain>(errorId).GetReportAsync();
            Assert.True(rows >= acknowledged, $"{errorId}: {acknowledged} outcomes acknowledged, {rows} in the history");
            Assert.NotNull(report);
            Assert.True(report.RetryCount >= acknowledged && report.RetryCount <= rows,
                $"{errorId}: {acknowledged} acknowledged, the grain counts {report.RetryCount}, the history holds {rows}");
        }

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        foreach (var (pair, acknowledged) in load.AcknowledgedByPair)
        {
            var rows = rowsByPair.GetValueOrDefault(pair);
            var slash = pair.IndexOf('/', StringComparison.Ordinal);
            var type = ErrorTypeNames.Parse(pair[..slash]);
            var stats = await grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(type, pair[(slash + 1)..])).GetSnapshotAsync();
            Assert.True(stats.TotalExecutions >= acknowledged && stats.TotalExecutions <= rows,
                $"{pair}: {acknowledged} acknowledged, the statistics count {stats.TotalExecutions}, the history holds {rows}");
        }

        return $"{load.Acknowledged} outcomes acknowledged, 0 lost ({rowsByError.Values.Sum()} history rows); " +
            $"{load.Retryable} retryable failures ({string.Join(", ", load.RetryableByType.Select(p => $"{p.Key} {p.Value}"))})";
    }
}
