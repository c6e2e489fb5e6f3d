using RecoveryCluster.Grains.Analytics;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>A strategy ranked for an error type.</summary>
public sealed record RecommendationResponse(
    int Rank, string StrategyId, string Name, IReadOnlyList<int> Levels, double Score, int Samples, long TotalExecutions,
    double SuccessRate, double AverageSuccessfulSeconds, double TimeoutSeconds)
{
    public static RecommendationResponse From(StrategyRecommendation r) => new(
        r.Rank, r.Strategy.Id, r.Strategy.Name, [.. r.Strategy.Levels.Select(l => (int)l)], r.Stats.Score, r.Stats.WindowSamples,
        r.Stats.TotalExecutions, r.Stats.SuccessRate, r.Stats.AverageSuccessfulSeconds, r.Stats.Timeout.TotalSeconds);

    /// <summary>
    /// Signs that the strategy is getting worse or better (recent window against its own baseline) in success, execution
    /// time or post-recovery stability, in plain words with the figures.
    /// </summary>
    public IReadOnlyList<TrendFinding> Trends { get; init; } = [];

    /// <summary>Executions and successes on the machine asked for (<c>?hardwareId=</c>); null when not asked, or never run there.</summary>
    public HardwareStats? Hardware { get; init; }

    /// <summary>This response with the strategy's trends, if any.</summary>
    public RecommendationResponse WithTrends(StrategyRecommendation r, DateTimeOffset now, TrendOptions options) =>
        this with { Trends = TrendDetector.Detect(r.Stats.ErrorType, r.Strategy.Id, r.Stats.Trend, now, options) };

    /// <summary>This response with a stability trend added to its trends, if there is one.</summary>
    public RecommendationResponse WithStabilityTrend(TrendFinding? stability) => stability is null ? this : this with { Trends = [.. Trends, stability] };
}
