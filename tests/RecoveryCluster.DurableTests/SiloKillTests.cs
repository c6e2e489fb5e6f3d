using Xunit.Abstractions;

namespace RecoveryCluster.DurableTests;

/// <summary>R1: kill -9 one of three silo processes in the middle of a load.</summary>
[Collection(DurableCollection.Name)]
public sealed class SiloKillTests(SharedPostgres postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan ServeWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_a_silo_loses_no_acknowledged_outcome_and_the_others_serve_every_grain_within_30_seconds()
    {
        var db = await postgres.Server.CreateDatabaseAsync();
        var clusterId = $"kill-{Guid.NewGuid():N}";
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(db, clusterId, FaultSettings.Silo)).ToArray();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(90))));
            await using var client = await ClusterClient.ConnectAsync(clusterId, silos);
            var load = new RecoveryLoad(client.Grains, errors: 40, workers: 24, seed: 7);
            var time = TimeProvider.System;
            var started = time.GetTimestamp();
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(stop.Token);

            await Eventually.SucceedsAsync(() => Task.FromResult(load.Acknowledged >= 500), TimeSpan.FromSeconds(60), "500 acknowledged outcomes before the kill");
            var victim = silos[1];
            victim.Kill();
            var killedAt = time.GetTimestamp();
            var acknowledgedAtKill = load.Acknowledged;

            // Every error grain answers again, from whichever silo now hosts it.
            foreach (var occurrence in load.Occurrences)
            {
                await Eventually.SucceedsAsync(
                    async () =>
                    {
                        await client.Grains.Grain(occurrence).GetReportAsync(); // throws while its silo is unreachable
                        return true;
                    },
                    ServeWithin - time.GetElapsedTime(killedAt), $"Error '{occurrence.Message}' served after the kill");
            }

            var servedAfter = time.GetElapsedTime(killedAt);
            await Eventually.SucceedsAsync(() => Task.FromResult(load.Acknowledged >= acknowledgedAtKill + 500), ServeWithin, "500 more acknowledged outcomes after the kill");
            var remaining = LoadDuration - time.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                stop.CancelAfter(remaining); // the load's length, not a wait for anything
            }
            else
            {
                await stop.CancelAsync();
            }

            await running;

            Assert.True(servedAfter < ServeWithin, $"serving every grain took {servedAfter.TotalSeconds:0.0} s");
            Assert.Empty(load.WrongAnswers);
            Assert.True(silos.Where(s => s != victim).All(s => !s.HasExited), "a surviving silo exited");
            var audit = await DurabilityAudit.AssertNothingAcknowledgedIsLostAsync(db, client.Grains, load);
            output.WriteLine($"R1: {audit}; every error grain served {servedAfter.TotalSeconds:0.0} s after the kill; " +
                $"load {time.GetElapsedTime(started).TotalSeconds:0} s, {acknowledgedAtKill} acknowledged before the kill");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
