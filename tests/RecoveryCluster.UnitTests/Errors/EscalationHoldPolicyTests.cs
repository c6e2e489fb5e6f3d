using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.Options;
using static RecoveryCluster.UnitTests.Options.OptionsValidation;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class EscalationHoldPolicyTests
{
    private static readonly DateTimeOffset EscalatedAt = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);

    [Fact]
    public void The_hold_lasts_until_the_hold_time_has_passed()
    {
        Assert.False(EscalationHoldPolicy.Expired(EscalatedAt, EscalatedAt, Hold));
        Assert.False(EscalationHoldPolicy.Expired(EscalatedAt, EscalatedAt + Hold - TimeSpan.FromTicks(1), Hold));
        Assert.True(EscalationHoldPolicy.Expired(EscalatedAt, EscalatedAt + Hold, Hold));
    }

    [Fact]
    public void A_hold_without_an_escalation_time_is_over()
    {
        Assert.True(EscalationHoldPolicy.Expired(null, EscalatedAt, Hold));
    }

    [Theory]
    [InlineData(CircuitState.Closed, 1, true)]
    [InlineData(CircuitState.Closed, 0, false)]
    [InlineData(CircuitState.Closed, -1, false)]
    [InlineData(CircuitState.HalfOpen, 1, false)]
    [InlineData(CircuitState.Open, 1, false)]
    [InlineData(CircuitState.Isolated, 1, false)]
    public void Only_a_breaker_that_is_closed_and_changed_after_the_escalation_ends_the_hold(CircuitState circuit, int secondsAfterEscalation, bool ends)
    {
        Assert.Equal(ends, EscalationHoldPolicy.BreakerClosedSince(circuit, EscalatedAt.AddSeconds(secondsAfterEscalation), EscalatedAt));
    }

    [Fact]
    public void A_breaker_that_never_changed_does_not_end_the_hold()
    {
        Assert.False(EscalationHoldPolicy.BreakerClosedSince(CircuitState.Closed, lastTransitionAt: null, EscalatedAt));
    }

    [Fact]
    public void Successes_count_up_and_a_failure_starts_the_run_again()
    {
        var run = 0;
        run = EscalationHoldPolicy.SuccessesInRow(run, success: true);
        run = EscalationHoldPolicy.SuccessesInRow(run, success: true);
        Assert.Equal(2, run);

        run = EscalationHoldPolicy.SuccessesInRow(run, success: false);
        Assert.Equal(0, run);
        Assert.Equal(1, EscalationHoldPolicy.SuccessesInRow(run, success: true));
    }

    [Theory]
    [InlineData(2, 3, false)]
    [InlineData(3, 3, true)]
    [InlineData(1, 1, true)]
    public void Enough_successes_in_a_row_prove_the_component_healthy(int successesInRow, int needed, bool healthy)
    {
        Assert.Equal(healthy, EscalationHoldPolicy.ProvedHealthy(successesInRow, needed));
    }

    [Fact]
    public void Three_successes_end_the_hold_by_default_and_the_option_accepts_1_to_1000()
    {
        Assert.Equal(3, new RecoveryOptions().SuccessesToEndHold);
        Assert.Empty(ValidationErrors(new RecoveryOptions { SuccessesToEndHold = 1 }));
        Assert.Empty(ValidationErrors(new RecoveryOptions { SuccessesToEndHold = 1000 }));
        Assert.Equal([nameof(RecoveryOptions.SuccessesToEndHold)], Invalid(new RecoveryOptions { SuccessesToEndHold = 0 }));
        Assert.Equal([nameof(RecoveryOptions.SuccessesToEndHold)], Invalid(new RecoveryOptions { SuccessesToEndHold = 1001 }));
    }
}
