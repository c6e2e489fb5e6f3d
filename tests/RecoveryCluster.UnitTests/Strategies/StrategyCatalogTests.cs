using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class StrategyCatalogTests
{
    private static readonly StrategyCatalog BuiltIns = new([]);

    private static StrategyDescriptor Custom(string id = "restart-pod", RecoveryLevel[]? levels = null, ErrorType[]? types = null) =>
        new(id, "Restart the pod", levels ?? [RecoveryLevel.Basic, RecoveryLevel.Component], types ?? [ErrorType.Database]);

    public static TheoryData<ErrorType, RecoveryLevel> EveryTypeAndLevel()
    {
        var data = new TheoryData<ErrorType, RecoveryLevel>();
        foreach (var type in Enum.GetValues<ErrorType>())
        {
            foreach (var level in Enum.GetValues<RecoveryLevel>())
            {
                data.Add(type, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndLevel))]
    public void Every_error_type_and_level_has_at_least_one_candidate(ErrorType type, RecoveryLevel level)
    {
        var candidates = BuiltIns.Candidates(type, level);

        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.True(c.Handles(type, level), $"'{c.Id}' does not handle ({type}, {level})"));
    }

    [Fact]
    public void Candidates_come_in_the_built_in_default_order()
    {
        Assert.Equal(
            [StrategyIds.Retry, StrategyIds.Reconnect, StrategyIds.DatabaseReconnect],
            BuiltIns.Candidates(ErrorType.Database, RecoveryLevel.Basic).Select(s => s.Id));
        Assert.Equal(
            [StrategyIds.WorkerRecovery, StrategyIds.GracefulDegradation, StrategyIds.SystemRecovery],
            BuiltIns.Candidates(ErrorType.Worker, RecoveryLevel.SystemComponent).Select(s => s.Id));
        Assert.Equal(
            [StrategyIds.GracefulDegradation, StrategyIds.SystemRecovery],
            BuiltIns.Candidates(ErrorType.Validation, RecoveryLevel.Critical).Select(s => s.Id));
    }

    [Fact]
    public void An_undefined_error_type_has_no_candidates()
    {
        Assert.Empty(BuiltIns.Candidates((ErrorType)99, RecoveryLevel.Basic));
        Assert.Empty(BuiltIns.ForType((ErrorType)99));
    }

    [Fact]
    public void Lists_the_built_ins_in_order_with_no_custom_strategies()
    {
        Assert.Equal(BuiltInStrategies.All.Select(s => s.Id), BuiltIns.Strategies.Select(s => s.Id));
    }

    [Fact]
    public void Custom_strategies_are_appended_after_the_built_ins_in_registration_order()
    {
        var first = Custom("restart-pod");
        var second = Custom("flush-cache", [RecoveryLevel.Basic], []);

        var catalog = new StrategyCatalog([first, second]);

        Assert.Equal(BuiltInStrategies.All.Concat([first, second]), catalog.Strategies);
        Assert.Equal(
            [StrategyIds.Retry, StrategyIds.Reconnect, StrategyIds.DatabaseReconnect, "restart-pod", "flush-cache"],
            catalog.Candidates(ErrorType.Database, RecoveryLevel.Basic).Select(s => s.Id));
        Assert.Equal(
            [StrategyIds.Retry, "flush-cache"],
            catalog.Candidates(ErrorType.System, RecoveryLevel.Basic).Select(s => s.Id));
    }

    [Fact]
    public void ForType_lists_every_strategy_that_handles_the_type_at_any_level()
    {
        var catalog = new StrategyCatalog([Custom("restart-pod", types: [ErrorType.Hardware])]);

        Assert.Equal(
            [StrategyIds.Retry, StrategyIds.Fallback, StrategyIds.WorkerRecovery, StrategyIds.GracefulDegradation, StrategyIds.SystemRecovery, "restart-pod"],
            catalog.ForType(ErrorType.Hardware).Select(s => s.Id));
    }

    [Fact]
    public void Finds_strategies_by_exact_id()
    {
        var custom = Custom("restart-pod");
        var catalog = new StrategyCatalog([custom]);

        Assert.True(catalog.TryGet("restart-pod", out var found));
        Assert.Same(custom, found);
        Assert.True(catalog.TryGet(StrategyIds.Retry, out var retry));
        Assert.Equal(StrategyIds.Retry, retry.Id);
        Assert.False(catalog.TryGet("Restart-Pod", out _));
        Assert.False(catalog.TryGet(StrategyIds.Escalation, out _));
    }

    [Fact]
    public void Rejects_a_custom_id_that_repeats_a_built_in()
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom(StrategyIds.Retry)]));

        Assert.Equal("customStrategies", error.ParamName);
        Assert.Contains("'retry'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_two_custom_strategies_with_the_same_id()
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom("restart-pod"), Custom("restart-pod")]));

        Assert.Equal("customStrategies", error.ParamName);
        Assert.Contains("'restart-pod'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_differing_only_in_case_are_distinct()
    {
        var catalog = new StrategyCatalog([Custom("Retry")]);

        Assert.True(catalog.TryGet("Retry", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_a_blank_id(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom(id)]));

        Assert.Equal("strategy.Id", error.ParamName);
    }

    [Fact]
    public void Rejects_a_null_id()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new StrategyCatalog([Custom(null!)]));

        Assert.Equal("strategy.Id", error.ParamName);
    }

    [Theory]
    [InlineData("database/restart")]
    [InlineData("/")]
    [InlineData("restart/")]
    public void Rejects_an_id_with_a_slash(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom(id)]));

        Assert.Equal("strategy.Id", error.ParamName);
        Assert.Contains("'/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_an_id_of_256_characters_and_rejects_257()
    {
        var longest = new string('s', Limits.MaxKeyLength);
        Assert.True(new StrategyCatalog([Custom(longest)]).TryGet(longest, out _));

        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom(new string('s', Limits.MaxKeyLength + 1))]));
        Assert.Equal("strategy.Id", error.ParamName);
        Assert.Contains("257", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_strategy_with_no_levels()
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom(levels: [])]));

        Assert.Equal("strategy.Levels", error.ParamName);
        Assert.Contains("'restart-pod'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_strategy_with_null_levels()
    {
        var strategy = new StrategyDescriptor("restart-pod", "Restart the pod", null!, []);

        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([strategy]));

        Assert.Equal("strategy.Levels", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Rejects_an_undefined_level(int level)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StrategyCatalog([Custom(levels: [RecoveryLevel.Basic, (RecoveryLevel)level])]));

        Assert.Equal("strategy.Levels", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Rejects_a_blank_name(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new StrategyCatalog([Custom() with { Name = name }]));

        Assert.Equal("strategy.Name", error.ParamName);
    }

    [Fact]
    public void Rejects_null_error_types()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new StrategyCatalog([Custom() with { ErrorTypes = null! }]));

        Assert.Equal("strategy.ErrorTypes", error.ParamName);
    }

    [Fact]
    public void Rejects_a_null_strategy_and_a_null_list()
    {
        Assert.Equal("strategy", Assert.Throws<ArgumentNullException>(() => new StrategyCatalog([null!])).ParamName);
        Assert.Equal("customStrategies", Assert.Throws<ArgumentNullException>(() => new StrategyCatalog(null!)).ParamName);
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndLevel))]
    public void A_call_without_fallback_degradation_or_compensations_is_planned_only_what_it_can_run_where_anything_else_exists(ErrorType type, RecoveryLevel level)
    {
        var all = BuiltIns.Candidates(type, level);
        var bare = BuiltIns.Candidates(type, level, CallFeatures.None);

        Assert.NotEmpty(bare);
        if (all.Any(c => c.Requires == CallFeatures.None))
        {
            Assert.All(bare, c => Assert.Equal(CallFeatures.None, c.Requires));
            Assert.Equal(all.Where(c => c.Requires == CallFeatures.None).Select(c => c.Id), bare.Select(c => c.Id));
        }
        else
        {
            // Nothing at this level runs without them: the level keeps every candidate rather than none.
            Assert.Equal(all, bare);
        }

        Assert.Equal(all, BuiltIns.Candidates(type, level, features: null));
        Assert.Equal(all, BuiltIns.Candidates(type, level, CallFeatures.Fallback | CallFeatures.Degradation | CallFeatures.Compensation));
    }

    [Fact]
    public void Fallback_degradation_and_compensation_need_what_they_run()
    {
        var requires = BuiltIns.Strategies.Where(s => s.Requires != CallFeatures.None).ToDictionary(s => s.Id, s => s.Requires);

        Assert.Equal(new Dictionary<string, CallFeatures>
        {
            [StrategyIds.Fallback] = CallFeatures.Fallback,
            [StrategyIds.GracefulDegradation] = CallFeatures.Degradation,
            [StrategyIds.CompensatingTransaction] = CallFeatures.Compensation,
        }, requires);
        Assert.DoesNotContain(StrategyIds.Fallback, BuiltIns.Candidates(ErrorType.Network, RecoveryLevel.Enhanced, CallFeatures.Degradation).Select(c => c.Id));
        Assert.Contains(StrategyIds.Fallback, BuiltIns.Candidates(ErrorType.Network, RecoveryLevel.Enhanced, CallFeatures.Fallback).Select(c => c.Id));
    }
}
