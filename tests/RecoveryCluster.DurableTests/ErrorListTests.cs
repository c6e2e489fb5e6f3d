using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.DurableTests;

/// <summary>Durable mode's error list: the summary columns of <c>error_state</c>, read with SQL, in keyset pages.</summary>
[Collection(DurableCollection.Name)]
public sealed class ErrorListTests(SharedPostgres postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_filter_pages_through_exactly_the_matching_errors_in_list_order()
    {
        await using var store = await StoreAsync();

        // 240 errors over 3 types, 5 statuses and 7 components; every third pair shares a last-seen time, so pages
        // must break ties by id.
        var written = Enumerable.Range(0, 240).Select(i => (Id: $"err-{i:D3}", State: State(
            type: (ErrorType)(1 + i % 3),
            status: (ErrorStatus)(i % 5),
            component: $"component-{i % 7}",
            lastSeen: Start.AddSeconds(i / 2 * 2)))).ToArray();
        await Task.WhenAll(written.Select(w => store.Journal.AppendAsync(w.Id, 1, w.State)));

        var queries = new[]
        {
            new ErrorQuery(Limit: 37),
            new ErrorQuery(Status: ErrorStatus.Open, Limit: 11),
            new ErrorQuery(Type: ErrorType.Timeout, Limit: 50),
            new ErrorQuery(Component: "component-3", Limit: 7),
            new ErrorQuery(Status: ErrorStatus.Escalated, Type: (ErrorType)2, Component: "component-1", Limit: 2),
        };
        foreach (var query in queries)
        {
            var expected = written.Select(w => w.State.ToSummary(w.Id)).Where(query.Matches)
                .OrderByDescending(e => e.LastSeen).ThenBy(e => e.ErrorId, StringComparer.Ordinal).Select(e => e.ErrorId).ToArray();
            var paged = new List<ErrorSummary>();
            var page = await store.List.QueryAsync(query);
            paged.AddRange(page.Errors);
            while (page.Next is { } next)
            {
                page = await store.List.QueryAsync(query with { After = next });
                paged.AddRange(page.Errors);
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, paged.Select(e => e.ErrorId));
            Assert.All(paged, e => Assert.True(query.Matches(e)));
        }

        var counts = await store.List.CountAsync();
        Assert.Equal(new ErrorCounts(240, 192, 48), counts);
    }

    [Fact]
    public async Task A_summary_reads_back_as_written_and_an_older_version_never_replaces_a_newer_one()
    {
        await using var store = await StoreAsync();
        var open = State(ErrorType.Network, ErrorStatus.Open, "orders-db", Start);
        open.AggregatedCount = 3;
        open.Regressions = 1;
        open.Revision = 4;
        open.PendingPlan = new RecoveryPlan("err-a", 2, RecoveryLevel.Enhanced, "enhanced_retry", TimeSpan.FromSeconds(10), CircuitState.Closed, [], "level 2");
        await store.Journal.AppendAsync("err-a", 1, open);

        var listed = Assert.Single((await store.List.QueryAsync(new ErrorQuery())).Errors);
        Assert.Equal(open.ToSummary("err-a"), listed);
        Assert.Equal(RecoveryLevel.Enhanced, listed.CurrentLevel);

        var resolved = State(ErrorType.Network, ErrorStatus.Resolved, "orders-db", Start.AddMinutes(1));
        resolved.Revision = 5;
        await store.Journal.AppendAsync("err-a", 2, resolved);

        // A stale activation writes its own version 2, then an old version 1: both refused, the list keeps version 2.
        var stale = State(ErrorType.Network, ErrorStatus.Escalated, "orders-db", Start.AddMinutes(2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Journal.AppendAsync("err-a", 2, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Journal.AppendAsync("err-a", 1, stale));
        var after = Assert.Single((await store.List.QueryAsync(new ErrorQuery())).Errors);
        Assert.Equal(ErrorStatus.Resolved, after.Status);
        Assert.Equal(5, after.Revision);
        Assert.Null(after.CurrentLevel);
        Assert.Equal(Start.AddMinutes(1), after.LastSeen);

        Assert.Equal(["err-a"], (await store.List.FindAsync(["err-a", "err-missing"], ErrorType.Network)).Select(e => e.ErrorId));
        Assert.Empty(await store.List.FindAsync(["err-a"], ErrorType.Timeout));
    }

    [Fact]
    public async Task Rows_stored_before_the_list_had_columns_are_filled_in_at_start()
    {
        await using var store = await StoreAsync();
        await store.Journal.AppendAsync("err-old", 1, State(ErrorType.Resource, ErrorStatus.Failed, "disk", Start));
        await Database.ExecuteAsync(store.ConnectionString, "UPDATE error_state SET last_seen = NULL, error_type = NULL, status = NULL");
        Assert.Empty((await store.List.QueryAsync(new ErrorQuery())).Errors);

        var backfill = new ErrorListBackfill(store.Source, store.Serializer, NullLogger<ErrorListBackfill>.Instance);
        await backfill.StartAsync(CancellationToken.None);
        await backfill.ExecuteTask!;

        var listed = Assert.Single((await store.List.QueryAsync(new ErrorQuery(Status: ErrorStatus.Failed))).Errors);
        Assert.Equal(("err-old", ErrorType.Resource, "disk"), (listed.ErrorId, listed.Type, listed.Component));
    }

    [Fact]
    public async Task The_api_pages_the_list_through_a_next_link_and_refuses_a_made_up_token()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        await using var silo = SiloProcess.Start(db, $"error-list-{Guid.NewGuid():N}");
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = silo.Http, Timeout = TimeSpan.FromSeconds(30) };
        var component = $"paged-{Guid.NewGuid():N}";
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in new[] { "alice", "bob", "carol", "dave", "erin" })
        {
            using var created = await http.PostAsJsonAsync("api/errors", new { message = $"user {user} not allowed", component, operation = "Save" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            reported.Add(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["errorId"]!.GetValue<string>());
        }

        var seen = new List<string>();
        var next = $"api/errors?component={component}&limit=2";
        var pages = 0;
        while (next is not null)
        {
            using var response = await http.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!["errorId"]!.GetValue<string>()));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Single().Split(['<', '>'], StringSplitOptions.RemoveEmptyEntries)[0].TrimStart('/')
                : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(reported.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(5, seen.Distinct().Count());

        using var bad = await http.GetAsync(new Uri("api/errors?after=bm90LWEtdG9rZW4", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!["after"]);

        using var status = await http.GetAsync(new Uri("api/status", UriKind.Relative));
        Assert.True(JsonNode.Parse(await status.Content.ReadAsStringAsync())!["errorHandling"]!["totalErrors"]!.GetValue<long>() >= 5);
    }

    private async Task<Store> StoreAsync()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var source = NpgsqlDataSource.Create(db);
        await new SchemaMigrator(source, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var journal = new PostgresErrorStateJournal(
            source, serializer, Options.Create(new HistoryWriterOptions()), TimeProvider.System, NullLogger<PostgresErrorStateJournal>.Instance);
        return new Store(db, source, services, serializer, journal, new PostgresErrorList(source));
    }

    private static ErrorState State(ErrorType type, ErrorStatus status, string component, DateTimeOffset lastSeen) => new()
    {
        Reported = true,
        Type = type,
        Severity = ErrorSeverity.High,
        Message = $"{type} in {component}",
        AggregatedCount = 1,
        Status = status,
        FirstSeen = lastSeen.AddMinutes(-5),
        LastSeen = lastSeen,
        Context = new ErrorContext(component, "Save", "worker-1"),
    };

    private sealed record Store(
        string ConnectionString, NpgsqlDataSource Source, ServiceProvider Services, Serializer Serializer,
        PostgresErrorStateJournal Journal, PostgresErrorList List) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Journal.DisposeAsync();
            await Source.DisposeAsync();
            await Services.DisposeAsync();
        }
    }
}
