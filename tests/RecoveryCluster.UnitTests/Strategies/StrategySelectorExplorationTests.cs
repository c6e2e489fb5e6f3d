using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

/// <summary>The UCB1 bonus: score + w·√(ln N / n), N the samples of all candidates, n the candidate's own.</summary>
public sealed class StrategySelectorExplorationTests
{
    private static (StrategyDescriptor Strategy, StrategyStatsSnapshot Stats) Candidate(string id, int samples, double score) =>
        (new StrategyDescriptor(id, id, [RecoveryLevel.Basic], []),
         new StrategyStatsSnapshot("database", id, samples, 0, samples, 0, 0, 0, 0, 0, score, TimeSpan.FromSeconds(30), [], [], null));

    [Fact]
    public void A_rarely_tried_candidate_within_reach_of_the_best_is_re_checked()
    {
        // N = 103: bounds are 0.40 + 0.5·√(ln 103 / 100) = 0.5076 and 0.30 + 0.5·√(ln 103 / 3) = 0.9220.
        var selection = StrategySelector.Select([Candidate("reconnect", 100, 0.40), Candidate("retry", 3, 0.30)], minSamples: 3, explorationWeight: 0.5);
        Assert.Equal("retry", selection.Chosen.Id);
        Assert.StartsWith("re-checking", selection.Reason, StringComparison.Ordinal);
        Assert.Equal("reconnect", selection.Ranked[0].StrategyId);
    }

    [Fact]
    public void A_candidate_far_below_the_best_is_left_alone()
    {
        // 0.95 + 0.5·√(ln 103 / 100) = 1.0576 beats 0.15 + 0.5·√(ln 103 / 3) = 0.7720.
        var selection = StrategySelector.Select([Candidate("reconnect", 100, 0.95), Candidate("retry", 3, 0.15)], minSamples: 3, explorationWeight: 0.5);
        Assert.Equal("reconnect", selection.Chosen.Id);
        Assert.StartsWith("best score", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_zero_is_plain_best_score()
    {
        var selection = StrategySelector.Select([Candidate("reconnect", 100, 0.40), Candidate("retry", 3, 0.39)], minSamples: 3, explorationWeight: 0);
        Assert.Equal("reconnect", selection.Chosen.Id);
    }

    [Fact]
    public void Equal_samples_get_equal_bonuses_so_the_best_score_wins()
    {
        var selection = StrategySelector.Select([Candidate("retry", 3, 0.20), Candidate("reconnect", 3, 0.60)], minSamples: 3, explorationWeight: 5);
        Assert.Equal("reconnect", selection.Chosen.Id);
    }

    [Fact]
    public void The_exploration_weight_option_defaults_to_one_half()
    {
        Assert.Equal(0.5, new RecoveryCluster.Grains.Options.RecoveryOptions().ExplorationWeight);
    }
}
