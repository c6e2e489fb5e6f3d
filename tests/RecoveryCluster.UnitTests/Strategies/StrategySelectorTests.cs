using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class StrategySelectorTests
{
    private const int MinSamples = 3;

    private static (StrategyDescriptor Strategy, StrategyStatsSnapshot Stats) Candidate(string id, int samples, double score) =>
        (new StrategyDescriptor(id, id, [RecoveryLevel.Basic], []),
         new StrategyStatsSnapshot("database", id, samples, 0, samples, 0, 0, 0, 0, 0, score, TimeSpan.FromSeconds(30), [], [], null));

    [Fact]
    public void Explores_the_first_candidate_in_catalog_order_with_too_few_samples()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 5, score: 0.9),
            Candidate("reconnect", samples: 1, score: 0.1),
            Candidate("fallback", samples: 0, score: 0.5),
        ], MinSamples);

        Assert.Equal("reconnect", selection.Chosen.Id);
        Assert.Equal("reconnect", selection.ChosenStats.StrategyId);
        Assert.Equal("exploring: 'reconnect' has 1 of the 3 samples needed to rank it (catalog order)", selection.Reason);
    }

    [Fact]
    public void Explores_the_first_candidate_even_when_a_later_one_has_fewer_samples()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 2, score: 0.0),
            Candidate("reconnect", samples: 0, score: 0.0),
        ], MinSamples);

        Assert.Equal("retry", selection.Chosen.Id);
    }

    [Fact]
    public void A_candidate_with_exactly_the_minimum_samples_is_ranked_not_explored()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 3, score: 0.2),
            Candidate("reconnect", samples: 3, score: 0.8),
        ], MinSamples);

        Assert.Equal("reconnect", selection.Chosen.Id);
        Assert.StartsWith("best score:", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_enough_samples_everywhere_the_best_score_wins()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 10, score: 0.41),
            Candidate("reconnect", samples: 4, score: 0.87),
            Candidate("fallback", samples: 7, score: 0.55),
        ], MinSamples);

        Assert.Equal("reconnect", selection.Chosen.Id);
        Assert.Equal(0.87, selection.ChosenStats.Score);
        Assert.Equal("best score: 'reconnect' 0.870 over 4 samples; next 'fallback' 0.550", selection.Reason);
    }

    [Fact]
    public void A_tie_goes_to_the_earlier_candidate_in_catalog_order()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 10, score: 0.5),
            Candidate("reconnect", samples: 10, score: 0.7),
            Candidate("fallback", samples: 10, score: 0.7),
        ], MinSamples);

        Assert.Equal("reconnect", selection.Chosen.Id);
        Assert.Equal(["reconnect", "fallback", "retry"], selection.Ranked.Select(c => c.StrategyId));
    }

    [Fact]
    public void Ranks_every_candidate_best_first_with_its_score_and_samples()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 1, score: 0.3),
            Candidate("reconnect", samples: 8, score: 0.9),
            Candidate("fallback", samples: 0, score: 0.0),
            Candidate("graceful-degradation", samples: 6, score: 0.6),
        ], MinSamples);

        Assert.Equal(
            [
                new StrategyCandidate("reconnect", 0.9, 8),
                new StrategyCandidate("graceful-degradation", 0.6, 6),
                new StrategyCandidate("retry", 0.3, 1),
                new StrategyCandidate("fallback", 0.0, 0),
            ],
            selection.Ranked);
        Assert.Equal("retry", selection.Chosen.Id); // still exploring: ranking does not change the explored choice
    }

    [Fact]
    public void A_single_ranked_candidate_is_chosen_as_the_only_one()
    {
        var selection = StrategySelector.Select([Candidate("retry", samples: 12, score: 0.25)], MinSamples);

        Assert.Equal("retry", selection.Chosen.Id);
        Assert.Equal("only candidate: 'retry' scores 0.250 over 12 samples", selection.Reason);
        Assert.Equal([new StrategyCandidate("retry", 0.25, 12)], selection.Ranked);
    }

    [Fact]
    public void A_minimum_of_zero_samples_never_explores()
    {
        var selection = StrategySelector.Select(
        [
            Candidate("retry", samples: 0, score: 0.0),
            Candidate("reconnect", samples: 0, score: 0.1),
        ], minSamples: 0);

        Assert.Equal("reconnect", selection.Chosen.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_reason_names_the_chosen_strategy(int exploredIndex)
    {
        var candidates = new[]
        {
            Candidate("retry", samples: exploredIndex == 0 ? 0 : 9, score: 0.1),
            Candidate("reconnect", samples: exploredIndex == 1 ? 0 : 9, score: 0.2),
            Candidate("fallback", samples: exploredIndex == 2 ? 0 : 9, score: 0.3),
        };

        var selection = StrategySelector.Select(candidates, MinSamples);

        Assert.Equal(candidates[exploredIndex].Strategy.Id, selection.Chosen.Id);
        Assert.Contains($"'{selection.Chosen.Id}'", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_empty_candidate_list()
    {
        var error = Assert.Throws<ArgumentException>(() => StrategySelector.Select([], MinSamples));

        Assert.Equal("candidates", error.ParamName);
    }

    [Fact]
    public void Rejects_a_null_candidate_list()
    {
        var error = Assert.Throws<ArgumentNullException>(() => StrategySelector.Select(null!, MinSamples));

        Assert.Equal("candidates", error.ParamName);
    }

    private static (StrategyDescriptor Strategy, StrategyStatsSnapshot Stats) OnHardware(string id, double score, params HardwareStats[] machines) =>
        (new StrategyDescriptor(id, id, [RecoveryLevel.Basic], []),
         new StrategyStatsSnapshot("hardware", id, 40, 20, 40, 0.5, 0, 0, 0, 0, score, TimeSpan.FromSeconds(30), machines, [], null));

    [Fact]
    public void On_a_machine_where_every_candidate_has_enough_samples_the_one_that_works_there_wins_over_the_overall_score()
    {
        // x works on hw-a and fails on hw-b, y the reverse; x has the better overall score.
        var candidates = new[]
        {
            OnHardware("x", 0.7, new HardwareStats("hw-a", 10, 10), new HardwareStats("hw-b", 10, 1)),
            OnHardware("y", 0.6, new HardwareStats("hw-a", 10, 1), new HardwareStats("hw-b", 10, 9)),
        };

        var onB = StrategySelector.Select(candidates, minSamples: 3, explorationWeight: 0, hardwareId: "hw-b");
        Assert.Equal("y", onB.Chosen.Id);
        Assert.Contains("hw-b", onB.Reason, StringComparison.Ordinal);
        Assert.Equal("x", StrategySelector.Select(candidates, 3, 0, "hw-a").Chosen.Id);

        // Without the machine, or on one without enough samples for every candidate, the overall score decides.
        Assert.Equal("x", StrategySelector.Select(candidates, 3, 0).Chosen.Id);
        Assert.Equal("x", StrategySelector.Select(candidates, 3, 0, "hw-c").Chosen.Id);
        Assert.Equal("x", StrategySelector.Select(candidates, minSamples: 11, 0, "hw-b").Chosen.Id);
    }
}
