using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The score: 0.40·successRate + 0.15·timeScore + 0.15·(1 − avgImpact) + 0.15·avgStability + 0.15·taskRecoveryRate.
/// </summary>
public static class StrategyScore
{
    public const double SuccessWeight = 0.40;
    public const double TimeWeight = 0.15;
    public const double ImpactWeight = 0.15;
    public const double StabilityWeight = 0.15;
    public const double TaskRecoveryWeight = 0.15;

    /// <summary>Successful executions taking this long or longer get a time score of 0.</summary>
    public static readonly TimeSpan SlowestScoredTime = TimeSpan.FromSeconds(30);

    /// <param name="executions">The recent window.</param>
    /// <param name="stabilitySamples">Stability measured after the fact by workers; averaged with the executions' own stability values.</param>
    public static StrategyScoreResult Compute(IReadOnlyCollection<StrategyExecution> executions, IReadOnlyCollection<double>? stabilitySamples = null)
    {
        ArgumentNullException.ThrowIfNull(executions);
        if (executions.Count == 0)
        {
            return default;
        }

        int successes = 0, stabilityCount = 0, taskRecords = 0;
        double successSeconds = 0, impact = 0, stability = 0, taskRecovery = 0;
        foreach (var e in executions)
        {
            if (e.Success)
            {
                successes++;
                successSeconds += e.ExecutionTime.TotalSeconds;
            }

            impact += e.ImpactScore;
            if (e.StabilityScore is { } s)
            {
                stability += s;
                stabilityCount++;
            }

            if (e.AffectedTasks > 0)
            {
                taskRecovery += (double)e.RecoveredTasks / e.AffectedTasks;
                taskRecords++;
            }
        }

        foreach (var sample in stabilitySamples ?? [])
        {
            stability += sample;
            stabilityCount++;
        }

        var n = executions.Count;
        var successRate = (double)successes / n;
        var avgSuccessSeconds = successes == 0 ? 0 : successSeconds / successes;
        var timeScore = TimeScore(successes, avgSuccessSeconds);
        var avgImpact = impact / n;
        var avgStability = stabilityCount == 0 ? 0 : stability / stabilityCount;
        var taskRecoveryRate = taskRecords == 0 ? 0 : taskRecovery / taskRecords;

        var score = SuccessWeight * successRate
            + TimeWeight * timeScore
            + ImpactWeight * (1 - avgImpact)
            + StabilityWeight * avgStability
            + TaskRecoveryWeight * taskRecoveryRate;
        return new StrategyScoreResult(n, successRate, avgSuccessSeconds, avgImpact, avgStability, taskRecoveryRate, score);
    }

    /// <summary>clamp(1 − avgSuccessfulSeconds / 30, 0, 1); 0 when nothing succeeded.</summary>
    public static double TimeScore(int successes, double averageSuccessfulSeconds) =>
        successes == 0 ? 0 : Math.Clamp(1 - averageSuccessfulSeconds / SlowestScoredTime.TotalSeconds, 0, 1);
}
