using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.DurableTests;

/// <summary>The error journal on a real server: versions follow one another, a stale writer fails, reads see the newest.</summary>
[Collection(DurableCollection.Name)]
public sealed class ErrorStateJournalTests(SharedPostgres postgres)
{
    [Fact]
    public async Task Each_version_must_follow_the_stored_one_and_the_newest_state_is_read_back()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db);
        await new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        await using var journal = new PostgresErrorStateJournal(
            source, services.GetRequiredService<Serializer>(), Options.Create(new HistoryWriterOptions()), TimeProvider.System,
            NullLogger<PostgresErrorStateJournal>.Instance);

        await journal.AppendAsync("error-a", 1, State(1, aggregated: 1));
        await journal.AppendAsync("error-a", 2, State(2, aggregated: 5));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => journal.AppendAsync($"error-{i:D3}", 1, State(1, aggregated: i))));

        // A second activation that read version 1 and writes its own version 2: refused, the stored state stays.
        await Assert.ThrowsAsync<InconsistentStateException>(() => journal.AppendAsync("error-a", 2, State(2, aggregated: 99)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => journal.AppendAsync("error-a", 7, State(7, aggregated: 99)));

        var stored = await journal.ReadAsync("error-a");
        Assert.NotNull(stored);
        Assert.Equal(2, stored.JournalVersion);
        Assert.Equal(5, stored.AggregatedCount);
        Assert.Equal("disk full", stored.Message);
        Assert.Equal(150, (await journal.ReadAsync("error-150"))!.AggregatedCount);
        Assert.Null(await journal.ReadAsync("never-written"));
    }

    private static ErrorState State(long version, long aggregated) => new()
    {
        Reported = true,
        Type = ErrorType.Resource,
        Message = "disk full",
        AggregatedCount = aggregated,
        Status = ErrorStatus.Open,
        JournalVersion = version,
        Context = new ErrorContext("disk", "Write", "worker-1"),
    };
}
