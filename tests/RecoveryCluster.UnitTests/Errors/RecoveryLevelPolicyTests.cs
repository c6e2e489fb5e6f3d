using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class RecoveryLevelPolicyTests
{
    [Theory]
    [InlineData(CircuitState.Closed, false, RecoveryLevel.Basic)]
    [InlineData(CircuitState.Closed, true, RecoveryLevel.Basic)]
    [InlineData(CircuitState.HalfOpen, false, RecoveryLevel.Enhanced)]
    [InlineData(CircuitState.HalfOpen, true, RecoveryLevel.Component)]
    [InlineData(CircuitState.Open, false, RecoveryLevel.SystemComponent)]
    [InlineData(CircuitState.Open, true, RecoveryLevel.SystemComponent)]
    [InlineData(CircuitState.Isolated, false, RecoveryLevel.SystemComponent)]
    [InlineData(CircuitState.Isolated, true, RecoveryLevel.SystemComponent)]
    public void An_episode_starts_at_the_level_the_circuit_state_sets(CircuitState circuit, bool failedAtEnhancedBefore, RecoveryLevel expected)
    {
        Assert.Equal(expected, RecoveryLevelPolicy.StartLevel(circuit, failedAtEnhancedBefore));
    }

    [Fact]
    public void An_undefined_circuit_state_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryLevelPolicy.StartLevel((CircuitState)42, failedAtEnhancedBefore: false));

        Assert.Equal("circuit", error.ParamName);
    }

    [Theory]
    [InlineData(RecoveryLevel.Basic, RecoveryLevel.Enhanced)]
    [InlineData(RecoveryLevel.Enhanced, RecoveryLevel.Component)]
    [InlineData(RecoveryLevel.Component, RecoveryLevel.SystemComponent)]
    [InlineData(RecoveryLevel.SystemComponent, RecoveryLevel.Critical)]
    public void A_failed_attempt_escalates_one_level(RecoveryLevel level, RecoveryLevel expected)
    {
        Assert.Equal(expected, RecoveryLevelPolicy.AfterFailure(level));
    }

    [Fact]
    public void A_failed_attempt_at_level_five_calls_a_person()
    {
        Assert.Null(RecoveryLevelPolicy.AfterFailure(RecoveryLevel.Critical));
    }

    [Fact]
    public void Escalating_from_level_one_takes_five_failures_to_reach_a_person()
    {
        RecoveryLevel? level = RecoveryLevel.Basic;
        var path = new List<RecoveryLevel>();
        while (level is { } current)
        {
            path.Add(current);
            level = RecoveryLevelPolicy.AfterFailure(current);
        }

        Assert.Equal(
            [RecoveryLevel.Basic, RecoveryLevel.Enhanced, RecoveryLevel.Component, RecoveryLevel.SystemComponent, RecoveryLevel.Critical],
            path);
    }
}
