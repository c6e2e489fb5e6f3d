namespace RecoveryCluster.Grains.Strategies;

/// <summary>The parts of a strategy's score and the score itself.</summary>
public readonly record struct StrategyScoreResult(
    int Samples,
    double SuccessRate,
    double AverageSuccessfulSeconds,
    double AverageImpact,
    double AverageStability,
    double TaskRecoveryRate,
    double Score);
