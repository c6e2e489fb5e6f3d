using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>Executions, success rate, mean time and mean impact of a set of recovery records.</summary>
public sealed record MetricGroup(long TotalExecutions, long Successes, double OverallSuccessRate, double AverageExecutionSeconds, double AverageImpact)
{
    public static MetricGroup Of(IReadOnlyCollection<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return new MetricGroup(0, 0, 0, 0, 0);
        }

        var successes = records.Count(r => r.Success);
        return new MetricGroup(
            records.Count, successes, (double)successes / records.Count,
            records.Average(r => r.ExecutionTime.TotalSeconds), records.Average(r => r.ImpactScore));
    }
}
