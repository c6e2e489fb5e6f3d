using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.EndToEnd;

/// <summary>Stability is measured after a recovery and sent when its window closes. Own cluster: fresh statistics.</summary>
public sealed class StabilityTests(StabilityTests.OwnCluster fixture) : IClassFixture<StabilityTests.OwnCluster>
{
    [Fact]
    public async Task The_share_of_successful_calls_after_a_recovery_reaches_the_strategys_statistics_when_the_window_closes()
    {
        await using var client = fixture.NewClient("stability", o => o.StabilityWindow = TimeSpan.FromMilliseconds(500));
        var component = Breakers.NewComponent("ledger");
        var failures = 1;
        Task<int> FailsOnce(CancellationToken _) =>
            Interlocked.Decrement(ref failures) >= 0 ? throw new TimeoutException("ledger timed out") : Task.FromResult(1);

        Assert.Equal(1, await client.ExecuteAsync(component, "Post", FailsOnce));
        var stats = fixture.Client.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Timeout, StrategyIds.Retry));
        Assert.Equal(0, (await stats.GetSnapshotAsync()).AverageStability);

        // Three of four calls in the window succeed.
        for (var i = 0; i < 3; i++)
        {
            await client.ExecuteAsync(component, "Post", _ => Task.FromResult(1));
        }

        await Assert.ThrowsAnyAsync<Exception>(() => client.ExecuteAsync<int>(component, "Post", _ => throw new FormatException("validation failed")));

        var stability = 0.0;
        await Eventually.HoldsAsync(async () =>
        {
            stability = (await stats.GetSnapshotAsync()).AverageStability;
            return stability > 0;
        }, "a stability score for timeout/retry", TimeSpan.FromSeconds(10));
        Assert.Equal(0.75, stability, 9);
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
