using System.Globalization;
using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>
/// The secondary metrics of <c>GET /api/recovery/metrics</c>, computed from history records and the error index's
/// summaries, whichever store supplied them.
/// </summary>
public sealed record SecondaryMetrics(
    TimeToResolution TimeToResolution,
    RegressionRate RegressionRate,
    IReadOnlyDictionary<string, LevelShare> LevelProgression,
    IReadOnlyDictionary<string, ResourceUsageDelta> ResourceUsageByStrategy,
    IReadOnlyDictionary<string, TaskRecovery> TaskRecoveryByErrorType)
{
    public const string Escalated = "escalated";

    public static SecondaryMetrics Compute(IReadOnlyCollection<RecoveryRecord> records, IReadOnlyCollection<ErrorSummary> errors)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(errors);
        return new SecondaryMetrics(
            TimeToResolutionOf(records, errors),
            RegressionRateOf(records, errors),
            LevelProgressionOf(records),
            records.GroupBy(r => r.StrategyId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => ResourceUsageOf(g), StringComparer.Ordinal),
            records.GroupBy(r => r.ErrorType.ToName(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => TaskRecoveryOf(g), StringComparer.Ordinal));
    }

    private static TimeToResolution TimeToResolutionOf(IReadOnlyCollection<RecoveryRecord> records, IReadOnlyCollection<ErrorSummary> errors)
    {
        var firstSeen = errors.GroupBy(e => e.ErrorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(e => e.FirstSeen), StringComparer.Ordinal);
        var seconds = records.Where(r => r.ResolvedError)
            .GroupBy(r => r.ErrorId, StringComparer.Ordinal)
            .Where(g => firstSeen.ContainsKey(g.Key))
            .Select(g => Math.Max((g.Min(r => r.Timestamp) - firstSeen[g.Key]).TotalSeconds, 0))
            .Order()
            .ToArray();
        return seconds.Length == 0
            ? new TimeToResolution(0, null, null, null)
            : new TimeToResolution(seconds.Length, Percentile.NearestRank(seconds, 50), Percentile.NearestRank(seconds, 90), seconds.Average());
    }

    private static RegressionRate RegressionRateOf(IReadOnlyCollection<RecoveryRecord> records, IReadOnlyCollection<ErrorSummary> errors)
    {
        // Only errors with attempts in the set count, so the filters of the metrics apply to regressions too.
        var attempted = records.Select(r => r.ErrorId).ToHashSet(StringComparer.Ordinal);
        var resolutions = records.LongCount(r => r.ResolvedError);
        var regressions = errors.Where(e => attempted.Contains(e.ErrorId)).Sum(e => (long)e.Regressions);
        return new RegressionRate(regressions, resolutions, resolutions == 0 ? 0 : (double)regressions / resolutions);
    }

    /// <summary>An episode ends at the level of the attempt that resolved it, or as escalated when its level-5 attempt failed.</summary>
    private static Dictionary<string, LevelShare> LevelProgressionOf(IReadOnlyCollection<RecoveryRecord> records)
    {
        var ended = new long[6];
        foreach (var r in records)
        {
            if (r.ResolvedError)
            {
                ended[(int)r.Level - 1]++;
            }
            else if (!r.Success && r.Level == RecoveryLevel.Critical)
            {
                ended[5]++;
            }
        }

        var total = ended.Sum();
        var shares = new Dictionary<string, LevelShare>(StringComparer.Ordinal);
        for (var i = 0; i < ended.Length; i++)
        {
            var key = i < 5 ? (i + 1).ToString(CultureInfo.InvariantCulture) : Escalated;
            shares[key] = new LevelShare(ended[i], total == 0 ? 0 : (double)ended[i] / total);
        }

        return shares;
    }

    private static ResourceUsageDelta ResourceUsageOf(IEnumerable<RecoveryRecord> records)
    {
        var measured = records.Where(r => r.Before is not null && r.After is not null).ToArray();
        if (measured.Length == 0)
        {
            return new ResourceUsageDelta(0, 0, 0, 0, 0, 0);
        }

        return new ResourceUsageDelta(
            measured.Length,
            measured.Average(r => r.After!.CpuPercent - r.Before!.CpuPercent),
            measured.Average(r => r.After!.MemoryPercent - r.Before!.MemoryPercent),
            measured.Average(r => r.After!.ProcessCpuPercent - r.Before!.ProcessCpuPercent),
            measured.Average(r => r.After!.ProcessMemoryMb - r.Before!.ProcessMemoryMb),
            measured.Average(r => (double)(r.After!.NetworkBytes - r.Before!.NetworkBytes)));
    }

    private static TaskRecovery TaskRecoveryOf(IEnumerable<RecoveryRecord> records)
    {
        long attempts = 0, affected = 0, recovered = 0;
        foreach (var r in records)
        {
            attempts++;
            affected += r.AffectedTasks;
            recovered += r.RecoveredTasks;
        }

        return new TaskRecovery(attempts, affected, recovered, affected == 0 ? 0 : (double)recovered / affected);
    }
}
