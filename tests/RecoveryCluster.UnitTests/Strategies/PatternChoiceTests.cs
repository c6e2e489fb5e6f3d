using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

/// <summary>Level 1 with a matched error pattern: its strategy is planned while it keeps working.</summary>
public sealed class PatternChoiceTests
{
    private const int MinSamples = 3;
    private const double MinSuccessRate = 0.5;

    private static readonly StrategyDescriptor Correction =
        new(StrategyIds.ErrorCorrection, "Pattern-based error correction", [RecoveryLevel.Basic, RecoveryLevel.Enhanced], [ErrorType.Validation, ErrorType.Task]);

    private static StrategyStatsSnapshot Stats(string id, int samples, int successes, double score) =>
        new("validation", id, samples, successes, samples, samples == 0 ? 0 : (double)successes / samples, 0, 0, 0, 0, score, TimeSpan.FromSeconds(30), [], [], null);

    /// <summary>Retry has a strong record: without a pattern it is the learned choice.</summary>
    private static readonly (StrategyDescriptor, StrategyStatsSnapshot)[] Candidates =
    [
        (new StrategyDescriptor(StrategyIds.Retry, "Retry", [RecoveryLevel.Basic], []), Stats(StrategyIds.Retry, 10, 9, 0.8)),
        (Correction, Stats(StrategyIds.ErrorCorrection, 10, 2, 0.3)),
    ];

    private static PatternPreference Prefer(StrategyDescriptor strategy, StrategyStatsSnapshot stats, ErrorType type = ErrorType.Validation, CallFeatures? features = null) =>
        new("schema-drift", strategy, stats, type, features, MinSuccessRate);

    private static StrategySelection Select(PatternPreference? preference) =>
        StrategySelector.Select(Candidates, MinSamples, explorationWeight: 0, hardwareId: null, preference);

    [Fact]
    public void Without_a_pattern_the_learned_choice_plans()
    {
        Assert.Equal(StrategyIds.Retry, Select(null).Chosen.Id);
    }

    [Fact]
    public void A_patterns_strategy_with_too_few_runs_to_judge_is_planned_over_a_better_scoring_one()
    {
        var selection = Select(Prefer(Correction, Stats(StrategyIds.ErrorCorrection, samples: 2, successes: 0, score: 0)));

        Assert.Equal(StrategyIds.ErrorCorrection, selection.Chosen.Id);
        Assert.Equal("pattern 'schema-drift' prefers 'error-correction' (2 of the 3 samples needed to judge it)", selection.Reason);
    }

    [Fact]
    public void A_patterns_strategy_that_succeeded_in_exactly_the_minimum_share_still_counts_as_working()
    {
        var selection = Select(Prefer(Correction, Stats(StrategyIds.ErrorCorrection, samples: 6, successes: 3, score: 0.4)));

        Assert.Equal(StrategyIds.ErrorCorrection, selection.Chosen.Id);
        Assert.Equal("pattern 'schema-drift' prefers 'error-correction', which succeeded in 50% of its last 6 runs (at least 50%)", selection.Reason);
    }

    [Fact]
    public void A_patterns_strategy_below_the_minimum_share_gives_way_to_the_learned_choice_and_the_reason_says_why()
    {
        var selection = Select(Prefer(Correction, Stats(StrategyIds.ErrorCorrection, samples: 5, successes: 2, score: 0.3)));

        Assert.Equal(StrategyIds.Retry, selection.Chosen.Id);
        Assert.StartsWith(
            "pattern 'schema-drift' prefers 'error-correction', but it succeeded in 40% of its last 5 runs, below 50%; learned choice, best score: 'retry'",
            selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_outside_the_levels_candidates_is_planned_and_listed_first_among_the_alternatives()
    {
        var degradation = new StrategyDescriptor(StrategyIds.GracefulDegradation, "Graceful degradation", [RecoveryLevel.Component], []);

        var selection = Select(Prefer(degradation, Stats(StrategyIds.GracefulDegradation, samples: 0, successes: 0, score: 0)));

        Assert.Equal(StrategyIds.GracefulDegradation, selection.Chosen.Id);
        Assert.Equal([StrategyIds.GracefulDegradation, StrategyIds.Retry, StrategyIds.ErrorCorrection], selection.Ranked.Select(c => c.StrategyId));
    }

    [Fact]
    public void A_strategy_for_other_error_types_is_passed_over()
    {
        var selection = Select(Prefer(Correction, Stats(StrategyIds.ErrorCorrection, 0, 0, 0), type: ErrorType.Database));

        Assert.Equal(StrategyIds.Retry, selection.Chosen.Id);
        Assert.StartsWith("pattern 'schema-drift' prefers 'error-correction', which does not handle database errors; learned choice", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_the_call_cannot_run_is_passed_over()
    {
        var fallback = new StrategyDescriptor(StrategyIds.Fallback, "Fallback", [RecoveryLevel.Enhanced], [], CallFeatures.Fallback);

        var selection = Select(Prefer(fallback, Stats(StrategyIds.Fallback, 0, 0, 0), features: CallFeatures.None));

        Assert.Equal(StrategyIds.Retry, selection.Chosen.Id);
        Assert.StartsWith("pattern 'schema-drift' prefers 'fallback', which needs Fallback that the call did not bring", selection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(2, 0, true)]
    [InlineData(3, 1, false)]
    [InlineData(4, 2, true)]
    [InlineData(10, 4, false)]
    public void Keeps_working_while_too_few_runs_or_at_least_the_minimum_share_succeeded(int samples, int successes, bool working)
    {
        Assert.Equal(working, PatternChoice.KeepsWorking(Stats(StrategyIds.ErrorCorrection, samples, successes, 0), MinSamples, MinSuccessRate));
    }

    [Fact]
    public void With_no_minimum_samples_a_strategy_without_runs_still_gets_its_first_chance()
    {
        Assert.True(PatternChoice.KeepsWorking(Stats(StrategyIds.ErrorCorrection, 0, 0, 0), minSamples: 0, MinSuccessRate));
    }
}
