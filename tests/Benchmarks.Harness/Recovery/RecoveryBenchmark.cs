namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>
/// P5 and P7: the same fleet and the same seeded faults run once per arm and seed, each on a fresh cluster (or none),
/// the arms' order rotating from seed to seed so no arm always runs first; the seeds pool per arm.
/// </summary>
public static class RecoveryBenchmark
{
    public static async Task<RecoveryResult> RunAsync(RecoveryBenchmarkSettings settings, string? resultsDirectory = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Mode != RecoveryBenchmarkMode.Smoke)
        {
            // Untimed: JIT and first activations would otherwise burden whichever arm runs first.
            var warmUp = settings with { Duration = TimeSpan.FromSeconds(2) };
            foreach (var arm in settings.Arms)
            {
                await ArmRun.RunAsync(arm, settings.Seeds[0], warmUp);
            }
        }

        var samples = new List<ArmSample>();
        for (var i = 0; i < settings.Seeds.Count; i++)
        {
            var seed = settings.Seeds[i];
            var order = settings.Arms.Skip(i % settings.Arms.Count).Concat(settings.Arms.Take(i % settings.Arms.Count));
            foreach (var arm in order)
            {
                var sample = await ArmRun.RunAsync(arm, seed, settings);
                samples.Add(sample);
                var pooled = ArmSample.Pool(arm, [sample]);
                progress?.Invoke(FormattableString.Invariant(
                    $"seed {seed} {arm,-16}: {pooled.Operations} operations, {pooled.FailedOperations} failed, {pooled.CallsIntoFaulty} calls into faulty components, recovery mean {pooled.RecoveryMeanMs:0} ms, {pooled.Faults} faults, {pooled.Escalations} escalations, {pooled.BreakerOpenings} breaker openings"));
            }
        }

        var matched = settings.Arms
            .Select(arm => samples.Where(s => s.Arm == arm).SelectMany(s => s.Recovered).ToHashSet())
            .Aggregate((all, these) =>
            {
                all.IntersectWith(these);
                return all;
            });
        var result = new RecoveryResult(settings,
            [.. settings.Arms.Select(arm => ArmSample.Pool(arm, [.. samples.Where(s => s.Arm == arm)], matched))],
            [.. samples.Select(s => ArmSample.Pool(s.Arm, [s]))]);
        if (resultsDirectory is not null)
        {
            RecoveryReport.Write(result, resultsDirectory);
        }

        return result;
    }
}
