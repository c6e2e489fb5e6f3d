using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class BackoffDelayTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(1_000);

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    public void Without_jitter_the_delay_is_initial_times_factor_to_the_attempt_minus_one(int attempt, double expectedMs)
    {
        var delay = BackoffDelay.Compute(attempt, Initial, 2, Max, 0);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(1, -1, 75)]
    [InlineData(1, 0, 100)]
    [InlineData(1, 1, 125)]
    [InlineData(3, -1, 300)]
    [InlineData(3, 0, 400)]
    [InlineData(3, 1, 500)]
    [InlineData(3, 0.5, 450)]
    [InlineData(3, -0.5, 350)]
    public void Jitter_moves_the_delay_by_a_quarter_of_nominal_per_unit(int attempt, double unitJitter, double expectedMs)
    {
        var delay = BackoffDelay.Compute(attempt, Initial, 2, Max, unitJitter);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(5, -1, 750)]
    [InlineData(5, 0, 1_000)]
    [InlineData(5, 1, 1_250)]
    [InlineData(30, 0, 1_000)]
    [InlineData(2_000, 0, 1_000)]
    [InlineData(int.MaxValue, 0, 1_000)]
    public void The_nominal_delay_is_capped_at_max_before_jitter(int attempt, double unitJitter, double expectedMs)
    {
        // 100·2^4 = 1600 ms > max; 2^1999 overflows a double to infinity and must still cap.
        var delay = BackoffDelay.Compute(attempt, Initial, 2, Max, unitJitter);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(-3, 75)]
    [InlineData(7, 125)]
    public void Jitter_samples_outside_minus_one_to_one_are_clamped(double unitJitter, double expectedMs)
    {
        var delay = BackoffDelay.Compute(1, Initial, 2, Max, unitJitter);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void An_attempt_below_one_is_rejected(int attempt)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BackoffDelay.Compute(attempt, Initial, 2, Max, 0));

        Assert.Equal("attempt", error.ParamName);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(6, 1_000)]
    public void Over_many_random_samples_every_delay_stays_within_a_quarter_of_nominal(int attempt, double nominalMs)
    {
        var random = new Random(20_240_611);
        var shortest = double.MaxValue;
        var longest = double.MinValue;
        for (var i = 0; i < 20_000; i++)
        {
            var ms = BackoffDelay.Compute(attempt, Initial, 2, Max, random.NextDouble() * 2 - 1).TotalMilliseconds;
            Assert.InRange(ms, 0.75 * nominalMs, 1.25 * nominalMs);
            shortest = Math.Min(shortest, ms);
            longest = Math.Max(longest, ms);
        }

        // The jitter really spreads the delays over the band, rather than staying near nominal.
        Assert.True(shortest < 0.76 * nominalMs, $"Expected some delay below 0.76·{nominalMs} ms; the shortest was {shortest} ms.");
        Assert.True(longest > 1.24 * nominalMs, $"Expected some delay above 1.24·{nominalMs} ms; the longest was {longest} ms.");
    }

    [Fact]
    public void The_jitter_constant_is_a_quarter()
    {
        Assert.Equal(0.25, BackoffDelay.Jitter);
    }

    [Fact]
    public void The_basic_and_extended_options_are_the_documented_levels()
    {
        Assert.Equal(new BackoffOptions(3, TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromSeconds(1)), BackoffOptions.Basic);
        Assert.Equal(new BackoffOptions(5, TimeSpan.FromMilliseconds(100), 2, TimeSpan.FromSeconds(3)), BackoffOptions.Extended);
    }
}
