using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class BuiltInStrategiesTests
{
    [Fact]
    public void Lists_the_built_ins_cheap_and_local_first_system_wide_last()
    {
        Assert.Equal(
            [
                StrategyIds.Retry,
                StrategyIds.Reconnect,
                StrategyIds.DatabaseReconnect,
                StrategyIds.ErrorCorrection,
                StrategyIds.Fallback,
                StrategyIds.CompensatingTransaction,
                StrategyIds.WorkerRecovery,
                StrategyIds.CoordinatorRecovery,
                StrategyIds.GracefulDegradation,
                StrategyIds.SystemRecovery,
            ],
            BuiltInStrategies.All.Select(s => s.Id));
    }

    [Fact]
    public void Escalation_is_not_a_strategy_planned_at_a_level()
    {
        Assert.DoesNotContain(BuiltInStrategies.All, s => s.Id == StrategyIds.Escalation);
    }

    [Fact]
    public void Every_built_in_has_a_name_a_level_and_only_defined_levels_and_types()
    {
        Assert.All(BuiltInStrategies.All, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            Assert.NotEmpty(s.Levels);
            Assert.All(s.Levels, l => Assert.True(Enum.IsDefined(l)));
            Assert.All(s.ErrorTypes, t => Assert.True(Enum.IsDefined(t)));
            Assert.Equal(s.Levels.Count, s.Levels.Distinct().Count());
        });
    }

    [Fact]
    public void Every_level_has_a_strategy_that_handles_any_error_type()
    {
        foreach (var level in Enum.GetValues<RecoveryLevel>())
        {
            Assert.Contains(BuiltInStrategies.All, s => s.ErrorTypes.Count == 0 && s.Levels.Contains(level));
        }
    }

    [Fact]
    public void An_empty_type_list_means_every_type()
    {
        var retry = BuiltInStrategies.All.Single(s => s.Id == StrategyIds.Retry);
        var reconnect = BuiltInStrategies.All.Single(s => s.Id == StrategyIds.Reconnect);

        Assert.All(Enum.GetValues<ErrorType>(), t => Assert.True(retry.Handles(t, RecoveryLevel.Basic)));
        Assert.False(retry.Handles(ErrorType.Network, RecoveryLevel.Component));
        Assert.True(reconnect.Handles(ErrorType.Network, RecoveryLevel.Enhanced));
        Assert.False(reconnect.Handles(ErrorType.Validation, RecoveryLevel.Basic));
        Assert.False(reconnect.Handles(ErrorType.Validation));
    }
}
