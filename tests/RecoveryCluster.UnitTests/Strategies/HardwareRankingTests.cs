using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class HardwareRankingTests
{
    // Overall, retry scores best; on hw-b only reconnect works, and drain ran there twice only.
    private static readonly StrategyRecommendation[] Overall =
    [
        Recommendation(1, "retry", score: 0.9, new HardwareStats("hw-a", 5, 5), new HardwareStats("hw-b", 5, 0)),
        Recommendation(2, "reconnect", score: 0.6, new HardwareStats("hw-a", 5, 0), new HardwareStats("hw-b", 5, 5)),
        Recommendation(3, "drain", score: 0.5, new HardwareStats("hw-b", 2, 2)),
    ];

    [Fact]
    public void On_a_machine_the_strategy_that_worked_there_ranks_first_and_one_with_too_few_samples_there_after()
    {
        var onB = HardwareRanking.Rank(Overall, "hw-b", minSamples: 3);

        Assert.Equal(["reconnect", "retry", "drain"], onB.Select(r => r.Strategy.Id));
        Assert.Equal([1, 2, 3], onB.Select(r => r.Rank));
    }

    [Fact]
    public void On_a_machine_nobody_ran_on_the_overall_order_stands()
    {
        var onC = HardwareRanking.Rank(Overall, "hw-c", minSamples: 3);

        Assert.Equal(["retry", "reconnect", "drain"], onC.Select(r => r.Strategy.Id));
        Assert.Null(HardwareRanking.On(onC[0], "hw-c"));
        Assert.Equal(new HardwareStats("hw-b", 5, 5), HardwareRanking.On(Overall[1], "hw-b"));
    }

    private static StrategyRecommendation Recommendation(int rank, string id, double score, params HardwareStats[] machines) => new(
        rank,
        new StrategyDescriptor(id, id, [RecoveryLevel.Basic], [ErrorType.Network]),
        new StrategyStatsSnapshot("network", id, 10, 5, 10, 0.5, 0, 0, 0, 0, score, TimeSpan.FromSeconds(30), machines, [], null));
}
