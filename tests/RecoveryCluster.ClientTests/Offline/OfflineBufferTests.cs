using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Client.Recovery;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Offline;

/// <summary>The offline buffer's bounds: what does not fit, grows too old or is left at stop is counted, never silently lost.</summary>
[Collection(ClientCollection.Name)]
public sealed class OfflineBufferTests(ClientClusterFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_full_buffer_drops_its_oldest_record_and_counts_it()
    {
        var buffer = Buffer(capacity: 3, ClusterConnectionState.Disconnected);
        for (var i = 0; i < 5; i++)
        {
            Add(buffer, "error-a");
        }

        Assert.Equal((3, 2L, 0L), (buffer.Count, buffer.Dropped, buffer.Sent));
        buffer.Abandon();
        Assert.Equal((0, 5L), (buffer.Count, buffer.Dropped));
    }

    [Fact]
    public async Task Records_older_than_the_maximum_age_are_dropped_at_the_next_send_and_the_rest_reach_the_cluster()
    {
        var buffer = Buffer(capacity: 100, ClusterConnectionState.Connected, maxAge: TimeSpan.FromMinutes(10));
        Add(buffer, "too-old", at: _time.GetUtcNow().AddMinutes(-11));
        var fresh = Add(buffer, null, at: _time.GetUtcNow().AddMinutes(-1));

        await buffer.SendAsync(CancellationToken.None);

        Assert.Equal((0, 1L, 1L), (buffer.Count, buffer.Dropped, buffer.Sent));
        var report = await fixture.Client.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(fresh)).GetReportAsync();
        Assert.Equal(1, report!.AggregatedCount);
    }

    [Fact]
    public async Task Nothing_is_sent_while_the_cluster_is_out_of_reach()
    {
        var buffer = Buffer(capacity: 100, ClusterConnectionState.Disconnected);
        Add(buffer, "error-b");

        await buffer.SendAsync(CancellationToken.None);

        Assert.Equal((1, 0L, 0L), (buffer.Count, buffer.Dropped, buffer.Sent));
    }

    private OfflineRecoveries Buffer(int capacity, ClusterConnectionState state, TimeSpan? maxAge = null)
    {
        var options = new RecoveryClientOptions { WorkerId = "offline-worker", OfflineBuffer = new OfflineBufferOptions { Capacity = capacity, MaxAge = maxAge ?? TimeSpan.FromHours(1) } };
        return new OfflineRecoveries(fixture.Client, Options.Create(options), new ClusterConnectionStatus(state), new ClusterCalls(Options.Create(options), _time), _time, NullLogger<RecoveryClient>.Instance);
    }

    /// <summary>Adds a record of a failure on a fresh component (so its error is new to the cluster) and returns its occurrence.</summary>
    private ErrorOccurrence Add(OfflineRecoveries buffer, string? errorId, DateTimeOffset? at = null)
    {
        var occurrence = new ErrorOccurrence(ErrorType.Network, ErrorSeverity.Medium, "connection reset", "System.IO.IOException",
            new ErrorContext($"offline-{Guid.NewGuid():N}", "Fetch", "offline-worker"), at ?? _time.GetUtcNow());
        buffer.Add(errorId ?? ErrorFingerprint.Compute(occurrence), occurrence,
            [new RecoveryOutcome(StrategyIds.Retry, true, TimeSpan.FromMilliseconds(60), OutcomeId: Guid.NewGuid())]);
        return occurrence;
    }
}
