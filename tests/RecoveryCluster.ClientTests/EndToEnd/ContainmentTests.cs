using System.Threading.Channels;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.ClientTests.Strategies;
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
        // The plan's timeout is the client's own timer: it runs on a fake clock the test moves past it.
        var time = new DelayRecordingTimeProvider();
        time.SetUtcNow(fixture.SiloTime.GetUtcNow());
        await using var client = fixture.NewClient("containment", time, strategies: hanging);
        using var caller = new CancellationTokenSource();

        // Validation errors start at level 1 with 'retry' (first in catalog order), then 'retry' again at level 2.
        var call = client.ExecuteAsync<int>(Breakers.NewComponent("forms"), "Submit",
            _ => throw new FormatException("validation failed: 'zip' is not valid"), cancellationToken: caller.Token);

        var (firstErrorId, timeout) = await hanging.Started.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.FromSeconds(2), timeout); // the fixture's base strategy timeout, with no statistics yet
        await Eventually.HoldsAsync(() => time.Delays.Contains(timeout), "the plan's timeout to start on the client's clock");

        // Just short of the timeout the strategy still hangs; at it, the attempt is cut off and level 2 starts.
        time.Advance(timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(hanging.Started.TryPeek(out _), "the next plan started before the first one's timeout");
        Assert.Empty((await fixture.Client.GetGrain<IErrorGrain>(firstErrorId).GetReportAsync())!.LevelHistory);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var (secondErrorId, _) = await hanging.Started.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(firstErrorId, secondErrorId);

        var report = await fixture.Client.GetGrain<IErrorGrain>(firstErrorId).GetReportAsync();
        var first = Assert.Single(report!.LevelHistory);
        Assert.False(first.Success);
        Assert.Equal(RecoveryLevel.Basic, first.Level);
        Assert.Equal(timeout, first.ExecutionTime);
        Assert.Equal(RecoveryLevel.Enhanced, report.CurrentLevel);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private sealed class HangingRetry : IRecoveryStrategy
    {
        private readonly Channel<(string ErrorId, TimeSpan Timeout)> _started = Channel.CreateUnbounded<(string, TimeSpan)>();

        public ChannelReader<(string ErrorId, TimeSpan Timeout)> Started => _started.Reader;

        public string Id => StrategyIds.Retry;

        public async Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken)
        {
            _started.Writer.TryWrite((context.Plan.ErrorId, context.Plan.Timeout));
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return StrategyResult.Failed(context.Error);
        }
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
