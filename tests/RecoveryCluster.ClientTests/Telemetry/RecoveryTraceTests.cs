using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecoveryCluster.ClientTests.Telemetry;

/// <summary>
/// One recovery is one trace: the worker's span and the cluster's report and outcome spans share its trace id, as an
/// OpenTelemetry backend would show them. Own cluster: the listener sees this process's activities only.
/// </summary>
public sealed class RecoveryTraceTests(RecoveryTraceTests.OwnCluster fixture) : IClassFixture<RecoveryTraceTests.OwnCluster>, IDisposable
{
    private static readonly string[] Sources = ["RecoveryCluster.Client", "RecoveryCluster", "Microsoft.Orleans.Application"];
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => Sources.Contains(source.Name),
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task The_workers_recovery_span_and_the_clusters_report_and_outcome_spans_join_one_trace()
    {
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        await using var client = fixture.NewClient("tracer");
        var component = Breakers.NewComponent("ledger");
        var failures = 1;

        Assert.Equal(1, await client.ExecuteAsync(component, "Post", _ =>
            Interlocked.Decrement(ref failures) >= 0 ? throw new TimeoutException("ledger timed out") : Task.FromResult(1)));

        var recovery = Assert.Single(_stopped, a => a.OperationName == "RecoveryClient.Recover" && (string?)a.GetTagItem("rc.component") == component);
        var errorId = (string?)recovery.GetTagItem("rc.error.id");
        Assert.False(string.IsNullOrEmpty(errorId));
        Assert.Equal(true, recovery.GetTagItem("rc.resolved"));
        var report = Assert.Single(_stopped, a => a.OperationName == "ErrorGrain.Report" && (string?)a.GetTagItem("rc.error.id") == errorId);
        var outcome = Assert.Single(_stopped, a => a.OperationName == "ErrorGrain.RecordOutcome" && (string?)a.GetTagItem("rc.error.id") == errorId);
        Assert.Equal(recovery.TraceId, report.TraceId);
        Assert.Equal(recovery.TraceId, outcome.TraceId);
        Assert.NotEqual(recovery.SpanId, report.SpanId);
    }

    public void Dispose() => _listener.Dispose();

    public sealed class OwnCluster : ClientClusterFixture;
}
