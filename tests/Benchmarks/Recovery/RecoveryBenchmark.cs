namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// P5, after the reference design's circuit-breaker benchmark: the demo worker's faults from a fixed seed, each
/// iteration's schedule run once with the cluster breaker off and once on (alternating which goes first), the
/// recoveries pooled per side and compared overall, by failure kind and by intensity.
/// </summary>
public static class RecoveryBenchmark
{
    public static async Task<RecoveryComparison> RunAsync(RecoveryBenchmarkSettings settings, string? resultsDirectory = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var components = Worker.WorkloadOptions.DefaultComponents.Count;
        if (settings.Mode != RecoveryBenchmarkMode.Smoke)
        {
            // Untimed: JIT and first activations would otherwise burden whichever side runs first.
            var warmUp = settings with { Duration = TimeSpan.FromSeconds(2) };
            await new BreakerRun(warmUp, breakerOn: true).RunAsync(settings.Seed, FaultSchedule.Build(warmUp, settings.Seed, components));
        }

        var runs = new List<RunMeasurement>();
        for (var iteration = 0; iteration < settings.Iterations; iteration++)
        {
            var seed = settings.Seed + iteration;
            var schedule = FaultSchedule.Build(settings, seed, components);
            foreach (var breakerOn in iteration % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var run = await new BreakerRun(settings, breakerOn).RunAsync(seed, schedule);
                runs.Add(run);
                progress?.Invoke(FormattableString.Invariant(
                    $"seed {seed} breaker {(breakerOn ? "on " : "off")}: {run.Recoveries.Count} recoveries, {run.Operations} operations, {run.Rejected} rejected, {run.FaultsPlanted} faults"));
            }
        }

        var result = RecoveryComparison.Of(settings, runs);
        if (resultsDirectory is not null)
        {
            RecoveryReport.Write(result, resultsDirectory);
        }

        return result;
    }
}
