using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>Writes the recovery benchmark's result as JSON, Markdown and SVG charts, and its headline ratios.</summary>
public static class RecoveryReport
{
    public static void Write(RecoveryResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var json = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        File.WriteAllText(Path.Combine(directory, "recovery.json"), JsonSerializer.Serialize(result, json));
        File.WriteAllText(Path.Combine(directory, "recovery.md"), Markdown(result));
        var names = result.Arms.Select(a => Name(a.Arm)).ToList();
        File.WriteAllText(Path.Combine(directory, "failed-operations.svg"), SvgBarChart.Render("Failed operations (pooled over seeds)", "operations", names,
            [("failed", [.. result.Arms.Select(a => (double)a.FailedOperations)])]));
        File.WriteAllText(Path.Combine(directory, "calls-into-faulty.svg"), SvgBarChart.Render("Calls into faulty components", "calls", names,
            [("calls", [.. result.Arms.Select(a => (double)a.CallsIntoFaulty)])]));
        File.WriteAllText(Path.Combine(directory, "recovery-time.svg"), SvgBarChart.Render("Recovery time (first failure to success)", "ms", names,
            [("mean", [.. result.Arms.Select(a => a.RecoveryMeanMs)]), ("p50", [.. result.Arms.Select(a => a.RecoveryP50Ms)]), ("p99 / 10", [.. result.Arms.Select(a => a.RecoveryP99Ms / 10)])]));
    }

    public static string Name(RecoveryArm arm) => arm switch
    {
        RecoveryArm.Cluster => "cluster",
        RecoveryArm.ClusterNoBreaker => "cluster-no-breaker",
        RecoveryArm.ClusterDown => "cluster-down",
        RecoveryArm.PollyStandard => "polly-standard",
        RecoveryArm.RetryOnly => "retry-only",
        _ => arm.ToString(),
    };

    public static RecoveryArm Parse(string name) =>
        Enum.GetValues<RecoveryArm>().FirstOrDefault(a => Name(a) == name.Trim(), (RecoveryArm)(-1)) is var arm && Enum.IsDefined(arm)
            ? arm
            : throw new ArgumentException($"Unknown arm '{name}'; use {string.Join(", ", Enum.GetValues<RecoveryArm>().Select(Name))}.", nameof(name));

    /// <summary>The headline lines: P5 (cluster vs cluster-no-breaker) and P7 (cluster vs polly-standard), as shares saved.</summary>
    public static IEnumerable<string> Headlines(RecoveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seeds = string.Join(",", result.Settings.Seeds);
        if (result.Against(RecoveryArm.Cluster, RecoveryArm.ClusterNoBreaker) is { } p5)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"P5 cluster vs cluster-no-breaker ({result.Settings.Faults.Model} faults, seeds {seeds}): recovery time {p5.RecoverySaved:P1} less (target ≥ 30 %; on the operations every arm recovered {p5.MatchedRecoverySaved:P1}), calls into faulty components {p5.CallsSaved:P1} fewer (target ≥ 50 %), failed operations {p5.FailedSaved:P1} fewer (target ≥ 0 %)");
        }

        if (result.Against(RecoveryArm.Cluster, RecoveryArm.PollyStandard) is { } p7)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"P7 cluster vs polly-standard ({result.Settings.Faults.Model} faults, seeds {seeds}): failed operations {p7.FailedSaved:P1} fewer (target ≥ 50 %), calls into faulty components {p7.CallsSaved:P1} fewer (target ≥ 50 %), recovery time {p7.RecoverySaved:P1} less (target ≥ 0 %; on the operations every arm recovered {p7.MatchedRecoverySaved:P1})");
        }

        if (result.Against(RecoveryArm.ClusterDown, RecoveryArm.PollyStandard) is { } down
            && result.Arms.FirstOrDefault(a => a.Arm == RecoveryArm.ClusterDown) is { } downArm
            && result.Arms.FirstOrDefault(a => a.Arm == RecoveryArm.PollyStandard) is { } polly)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Cluster down the whole run vs polly-standard ({result.Settings.Faults.Model} faults, seeds {seeds}): success {downArm.SuccessShare:P2} vs {polly.SuccessShare:P2}, failed operations {down.FailedSaved:P1} fewer, calls into faulty components {down.CallsSaved:P1} fewer");
        }
    }

    private static string Markdown(RecoveryResult result)
    {
        var s = result.Settings;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Recovery benchmark ({s.Mode})\n\nSeeds {string.Join(", ", s.Seeds)}, {s.Duration.TotalSeconds:0} s each, {s.Workers} workers × {s.Rate:0.#} operations/s over 4 components; {s.Faults.Model} faults at {s.Faults.Rate:P0} per component per {s.Faults.Interval.TotalSeconds:0.#} s (patterns: {(s.Faults.Patterns.Count == 0 ? "all" : string.Join(", ", s.Faults.Patterns))}); call timeout {s.OperationTimeout.TotalSeconds:0.#} s, total {s.TotalTimeout.TotalSeconds:0} s in every arm; cluster open periods: {(s.OpenPeriods is var (first, growth, max) ? $"first {first.TotalSeconds:0.#} s, ×{growth:0.#} per failed probe, at most {max.TotalSeconds:0.#} s (trial)" : "as shipped")}.\n\n");
        Table(md, "Pooled over the seeds", result.Arms);
        Table(md, "Per seed", result.PerSeed);
        md.Append("## By fault pattern (pooled)\n\n| arm | pattern | faults | operations that met it | failed | calls into it | fault mean ms | recovered | recovery mean ms |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var arm in result.Arms)
        {
            foreach (var p in arm.ByPattern)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Name(arm.Arm)} | {p.Pattern} | {p.Faults} | {p.Operations} | {p.FailedOperations} | {p.CallsIntoFaulty} | {p.FaultMeanMs:0} | {p.RecoveredOperations} | {p.RecoveryMeanMs:0} |\n");
            }
        }

        md.Append('\n');
        foreach (var line in Headlines(result))
        {
            md.Append(line).Append("\n\n");
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, string title, IReadOnlyList<ArmResult> arms)
    {
        md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| arm | seeds | operations | failed | of which rejected | held | success | calls into faulty | fault mean / p99 ms | recovery mean / p50 / p99 ms | same operations: n, mean ms | escalations | breaker openings | CPU s |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var a in arms)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {Name(a.Arm)} | {string.Join(",", a.Seeds)} | {a.Operations} | {a.FailedOperations} | {a.Rejected} | {a.Held} | {a.SuccessShare:P2} | {a.CallsIntoFaulty} | {a.FaultMeanMs:0} / {a.FaultP99Ms:0} | {a.RecoveryMeanMs:0} / {a.RecoveryP50Ms:0} / {a.RecoveryP99Ms:0} | {a.MatchedRecoveries}, {a.MatchedRecoveryMeanMs:0} | {a.Escalations} | {a.BreakerOpenings} | {a.CpuMs / 1000:0.0} |\n");
        }

        md.Append('\n');
    }
}
