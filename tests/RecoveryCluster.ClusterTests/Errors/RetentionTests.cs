using RecoveryCluster.Errors;
using RecoveryCluster.Retention;

namespace RecoveryCluster.ClusterTests.Errors;

/// <summary>Retention in memory mode: old resolved errors leave the grain storage and the index; nothing else does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RetentionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_pass_forgets_resolved_errors_older_than_the_age_and_keeps_open_and_recent_ones()
    {
        var grains = fixture.Client;
        var component = Failures.NewComponent("retention");
        var oldResolved = Failures.Occurrence(component, operation: "Archive");
        var oldOpen = Failures.Occurrence(component, operation: "Import");
        var recentResolved = Failures.Occurrence(component, operation: "Export");
        await grains.ReportAsync(oldResolved);
        await grains.Grain(oldResolved).ResolveAsync();
        await grains.ReportAsync(oldOpen);

        // The default age is 30 days.
        fixture.Time.Advance(TimeSpan.FromDays(31));
        await grains.ReportAsync(recentResolved);
        await grains.Grain(recentResolved).ResolveAsync();
        await fixture.HandedOnAsync();
        Assert.Equal(3, (await ListedAsync(component)).Count);

        var run = await grains.GetGrain<IRetentionGrain>(IRetentionGrain.DefaultKey).RunOnceAsync();

        Assert.True(run.ErrorsRemoved >= 1, $"removed {run.ErrorsRemoved}");
        Assert.Null(await grains.Grain(oldResolved).GetReportAsync());
        Assert.NotNull(await grains.Grain(oldOpen).GetReportAsync());
        Assert.NotNull(await grains.Grain(recentResolved).GetReportAsync());
        Assert.Equal(
            new[] { ErrorFingerprint.Compute(oldOpen), ErrorFingerprint.Compute(recentResolved) }.Order(StringComparer.Ordinal),
            (await ListedAsync(component)).Select(e => e.ErrorId).Order(StringComparer.Ordinal));
        var status = await grains.GetGrain<IRetentionGrain>(IRetentionGrain.DefaultKey).GetStatusAsync();
        Assert.True(status.ErrorsRemoved >= run.ErrorsRemoved);
        Assert.Equal(run, status.LastRun);

        // What comes back after it is a new error, counted from one.
        Assert.Equal(1, (await grains.ReportAsync(oldResolved)).AggregatedCount);
    }

    private async Task<IReadOnlyList<ErrorSummary>> ListedAsync(string component)
    {
        var parts = await Task.WhenAll(ErrorIndex.Shards(fixture.Client).Select(s => s.QueryAsync(new ErrorQuery(Component: component))));
        return [.. parts.SelectMany(p => p)];
    }
}
