using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.DurableTests;

/// <summary>Stop every silo, start new ones on the same database: the cluster remembers.</summary>
[Collection(DurableCollection.Name)]
public sealed class RestartTests(SharedPostgres postgres)
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["RecoveryCluster__CircuitBreaker__RecoveryTimeout"] = "00:00:08",
        ["RecoveryCluster__CircuitBreaker__HalfOpenReminderPeriod"] = "00:00:02",
        ["RecoveryCluster__CircuitBreaker__MinDistinctReporters"] = "1",
    };

    [Fact]
    public async Task Levels_counts_scores_timeouts_and_breakers_survive_a_full_restart_and_an_open_breaker_half_opens_on_its_own()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var escalating = Occurrences.Of(ErrorType.Database, "ledger-db", "deadlock detected");
        var repeated = Occurrences.Of(ErrorType.Network, "edge-proxy", "connection reset by peer");
        var opener = Occurrences.Of(ErrorType.Resource, "orders-db", "pool exhausted");

        Snapshot before;
        long breakerVersion;
        var first = await StartClusterAsync(db, clusterId);
        try
        {
            await using var client = await ClusterClient.ConnectAsync(clusterId, first);
            var grains = client.Grains;

            // An error two levels up, one aggregated and resolved, learning for the network type, two breakers.
            var plan = (await grains.Grain(escalating).ReportAsync(escalating)).Plan!;
            plan = (await grains.Grain(escalating).RecordOutcomeAsync(plan.Attempt, Occurrences.Outcome(plan, false))).NextPlan!;
            await grains.Grain(escalating).RecordOutcomeAsync(plan.Attempt, Occurrences.Outcome(plan, false));
            for (var i = 0; i < 3; i++)
            {
                await grains.Grain(repeated).ReportAsync(repeated);
            }

            var repeatedPlan = (await grains.Grain(repeated).GetReportAsync())!.PendingPlan!;
            await grains.Grain(repeated).RecordOutcomeAsync(repeatedPlan.Attempt, Occurrences.Outcome(repeatedPlan, true, seconds: 1.5));
            for (var i = 0; i < 6; i++)
            {
                var other = Occurrences.Of(ErrorType.Network, $"edge-{i}", "connection refused");
                var p = (await grains.Grain(other).ReportAsync(other)).Plan!;
                await grains.Grain(other).RecordOutcomeAsync(p.Attempt, Occurrences.Outcome(p, i % 3 != 0, seconds: 0.2 + i));
            }

            await grains.GetGrain<ICircuitBreakerGrain>("payments-api").IsolateAsync("maintenance window");
            for (var i = 0; i < 5; i++)
            {
                await grains.Grain(opener).ReportAsync(opener);
            }

            // Failures and executions reach the breaker and the statistics in the silos' next batches.
            await Eventually.SucceedsAsync(
                async () => (await grains.GetGrain<ICircuitBreakerGrain>("orders-db").GetSnapshotAsync()).State == CircuitState.Open,
                TimeSpan.FromSeconds(10), "orders-db open");
            await Eventually.SucceedsAsync(async () => await NetworkExecutionsAsync(grains) == 7, TimeSpan.FromSeconds(10), "the 7 network executions counted");
            before = await Snapshot.TakeAsync(grains, escalating, repeated);
            breakerVersion = await BreakerRowVersionAsync(db, "orders-db");
        }
        finally
        {
            await Task.WhenAll(first.Select(s => s.StopAsync()));
            foreach (var silo in first)
            {
                await silo.DisposeAsync();
            }
        }

        var second = await StartClusterAsync(db, clusterId);
        try
        {
            await using var client = await ClusterClient.ConnectAsync(clusterId, second);
            var after = await Snapshot.TakeAsync(client.Grains, escalating, repeated);
            Assert.Equal(before, after);

            // Nobody calls the orders-db breaker after the restart: only its durable reminder can half-open it.
            await Eventually.SucceedsAsync(
                async () => await BreakerRowVersionAsync(db, "orders-db") > breakerVersion, TimeSpan.FromSeconds(45), "The open breaker's half-open write");
            Assert.Equal(CircuitState.HalfOpen, (await client.Grains.GetGrain<ICircuitBreakerGrain>("orders-db").GetSnapshotAsync()).State);
        }
        finally
        {
            foreach (var silo in second)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<SiloProcess[]> StartClusterAsync(string db, string clusterId)
    {
        var silos = new[] { SiloProcess.Start(db, clusterId, Settings), SiloProcess.Start(db, clusterId, Settings) };
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(60))));
        return silos;
    }

    private static Task<long> BreakerRowVersionAsync(string db, string component) =>
        Database.ScalarAsync<long>(db, "SELECT coalesce(max(version), 0) FROM rc_grain_state WHERE grain_type = 'breaker' AND grain_key_ext = $1", component);

    /// <summary>What a restart must keep, as comparable values.</summary>
    private static async Task<long> NetworkExecutionsAsync(IGrainFactory grains)
    {
        var strategies = await grains.GetGrain<IRecoveryAdvisorGrain>(ErrorType.Network.ToName()).GetStrategiesAsync();
        var snapshots = await Task.WhenAll(strategies.Select(s => grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Network, s.Id)).GetSnapshotAsync()));
        return snapshots.Sum(s => s.TotalExecutions);
    }

    private sealed record Snapshot(string Errors, string Statistics, string Breakers)
    {
        public static async Task<Snapshot> TakeAsync(IGrainFactory grains, params ErrorOccurrence[] errors)
        {
            var reports = new List<string>();
            foreach (var occurrence in errors)
            {
                var r = (await grains.Grain(occurrence).GetReportAsync())!;
                reports.Add($"{r.ErrorId} count={r.AggregatedCount} retries={r.RetryCount} status={r.Status} level={r.PendingPlan?.Level} " +
                    $"attempt={r.PendingPlan?.Attempt} strategy={r.PendingPlan?.StrategyId} episode={r.Episode} history={r.LevelHistory.Count} first={r.FirstSeen:O}");
            }

            var stats = new List<string>();
            foreach (var strategy in await grains.GetGrain<IRecoveryAdvisorGrain>(ErrorType.Network.ToName()).GetStrategiesAsync())
            {
                var s = await grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(ErrorType.Network, strategy.Id)).GetSnapshotAsync();
                stats.Add($"{strategy.Id} n={s.TotalExecutions} ok={s.TotalSuccesses} score={s.Score:R} timeout={s.Timeout} samples={s.WindowSamples} hardware={s.ByHardware.Count} hours={s.Trend.Count}");
            }

            var isolated = await grains.GetGrain<ICircuitBreakerGrain>("payments-api").GetSnapshotAsync();
            return new Snapshot(string.Join("\n", reports), string.Join("\n", stats), $"{isolated.State} v{isolated.Version} {isolated.LastFailure} {isolated.OpenedAt:O}");
        }
    }
}
