using System.Threading.Channels;
using RecoveryCluster.Client.Strategies;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.EndToEnd;

/// <summary>A hanging strategy is cut off by the plan's timeout; the caller's token still ends everything. Own cluster: fresh statistics.</summary>
public sealed class ContainmentTests(ContainmentTests.OwnCluster fixture) : IClassFixture<ContainmentTests.OwnCluster>
{
    [Fact]
    public async Task A_hanging_strategy_times_out_as_a_failed_attempt_and_the_callers_cancellation_is_honoured()
    {
        var hanging = new HangingRetry();
        await using var client = fixture.NewClient("containment", strategies: hanging);
        using var caller = new CancellationTokenSource();

        // Validation errors start at level 1 with 'retry' (first in catalog order), then 'retry' again at level 2.
        var call = client.ExecuteAsync<int>(Breakers.NewComponent("forms"), "Submit",
            _ => throw new FormatException("validation failed: 'zip' is not valid"), cancellationToken: caller.Token);

        var firstErrorId = await hanging.Started.ReadAsync();
        var secondErrorId = await hanging.Started.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(firstErrorId, secondErrorId);

        var report = await fixture.Client.GetGrain<IErrorGrain>(firstErrorId).GetReportAsync();
        var first = Assert.Single(report!.LevelHistory);
        Assert.False(first.Success);
        Assert.Equal(RecoveryLevel.Basic, first.Level);
        Assert.True(first.ExecutionTime >= TimeSpan.FromSeconds(1.9), $"the attempt ran {first.ExecutionTime}, less than the 2 s plan timeout");
        Assert.Equal(RecoveryLevel.Enhanced, report.CurrentLevel);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private sealed class HangingRetry : IRecoveryStrategy
    {
        private readonly Channel<string> _started = Channel.CreateUnbounded<string>();

        public ChannelReader<string> Started => _started.Reader;

        public string Id => StrategyIds.Retry;

        public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
        {
            _started.Writer.TryWrite(context.Plan.ErrorId);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return StrategyResult.Failed(context.Error);
        }
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
