using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>Writes P5's result as JSON, Markdown and SVG charts.</summary>
public static class RecoveryReport
{
    private static readonly string[] Sides = ["cluster breaker on", "cluster breaker off"];

    public static void Write(RecoveryComparison result, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
        File.WriteAllText(Path.Combine(directory, "recovery.json"), JsonSerializer.Serialize(result, json));
        File.WriteAllText(Path.Combine(directory, "recovery.md"), Markdown(result));
        var all = result.Overall;
        File.WriteAllText(Path.Combine(directory, "recovery-time.svg"), SvgBarChart.Render("Recovery time (resolved recoveries)", "ms", Sides,
            [("average", [all.On.AverageMs, all.Off.AverageMs]), ("median", [all.On.MedianMs, all.Off.MedianMs]), ("max / 10", [all.On.MaxMs / 10, all.Off.MaxMs / 10])]));
        File.WriteAllText(Path.Combine(directory, "success-by-kind.svg"), SvgBarChart.Render("Recovery success rate by failure type", "%", Sides,
            [.. result.ByKind.Prepend(all).Select(r => (r.Group, new[] { r.On.SuccessRate * 100, r.Off.SuccessRate * 100 }))]));
        File.WriteAllText(Path.Combine(directory, "time-by-intensity.svg"), SvgBarChart.Render("Average recovery time by intensity", "ms", Sides,
            [.. result.ByIntensity.Select(r => (r.Group, new[] { r.On.AverageMs, r.Off.AverageMs }))]));
    }

    public static string Headline(RecoveryComparison result) => string.Create(CultureInfo.InvariantCulture,
        $"P5 ({result.Settings.Mode}, seed {result.Settings.Seed}, {result.Settings.Iterations} iteration(s)): recovery time avg {result.Overall.On.AverageMs:0} ms on vs {result.Overall.Off.AverageMs:0} ms off ({result.Overall.AverageTimeImprovement:P1} less; target ≥ 30 %), success {result.Overall.On.SuccessRate:P1} on vs {result.Overall.Off.SuccessRate:P1} off ({result.Overall.SuccessImprovement:+0.0%;-0.0%} relative; target ≥ +25 %)");

    private static string Markdown(RecoveryComparison result)
    {
        var md = new StringBuilder();
        var s = result.Settings;
        md.Append(CultureInfo.InvariantCulture, $"# P5 recovery benchmark ({s.Mode})\n\nSeed {s.Seed}, {s.Iterations} iteration(s) of {s.Duration.TotalSeconds:0} s, {s.Workers} workers × {s.LoopsPerWorker} loops, a fault draw per component every {s.Slot.TotalMilliseconds:0} ms at {s.FailureRate:P0}, kinds: {(s.Kinds.Count == 0 ? "all" : string.Join(", ", s.Kinds))}.\n\n");
        var all = result.Overall;
        md.Append("## Recovery time (ms, resolved recoveries)\n\n| figure | breaker on | breaker off | improvement |\n| --- | ---: | ---: | ---: |\n");
        md.Append(CultureInfo.InvariantCulture, $"| average | {all.On.AverageMs:0.0} | {all.Off.AverageMs:0.0} | {all.AverageTimeImprovement:P1} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| median | {all.On.MedianMs:0.0} | {all.Off.MedianMs:0.0} | {all.MedianTimeImprovement:P1} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| minimum | {all.On.MinMs:0.0} | {all.Off.MinMs:0.0} | {all.MinTimeImprovement:P1} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| maximum | {all.On.MaxMs:0.0} | {all.Off.MaxMs:0.0} | {all.MaxTimeImprovement:P1} |\n\n");
        md.Append("## Success rate (resolved / recoveries)\n\n| breaker on | breaker off | improvement |\n| ---: | ---: | ---: |\n");
        md.Append(CultureInfo.InvariantCulture, $"| {all.On.SuccessRate:P1} ({all.On.Resolved}/{all.On.Recoveries}) | {all.Off.SuccessRate:P1} ({all.Off.Resolved}/{all.Off.Recoveries}) | {all.SuccessImprovement:+0.0%;-0.0%} |\n\n");
        var on = result.Total(true);
        var off = result.Total(false);
        md.Append("## Operations and resource use (summed over the runs)\n\n| figure | breaker on | breaker off | change |\n| --- | ---: | ---: | ---: |\n");
        foreach (var (name, a, b) in new (string, double, double)[]
        {
            ("faults planted", on.FaultsPlanted, off.FaultsPlanted),
            ("operations", on.Operations, off.Operations),
            ("succeeded (first call or recovered)", on.Succeeded, off.Succeeded),
            ("rejected by a breaker", on.Rejected, off.Rejected),
            ("failed (escalated or not recovered)", on.Failed, off.Failed),
            ("recovery attempts (strategy runs)", all.On.AverageAttempts * all.On.Recoveries, all.Off.AverageAttempts * all.Off.Recoveries),
            ("failed calls into faulty components", on.FailedComponentCalls, off.FailedComponentCalls),
            ("process CPU (ms, silo and workers)", on.CpuMilliseconds, off.CpuMilliseconds),
            ("allocated (MB)", on.AllocatedMegabytes, off.AllocatedMegabytes),
        })
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {a:0.#} | {b:0.#} | {(b == 0 ? 0 : (a - b) / b):+0.0%;-0.0%} |\n");
        }

        md.Append('\n');
        Breakdown(md, "By failure type", [all, .. result.ByKind]);
        Breakdown(md, "By intensity", result.ByIntensity);
        return md.ToString();
    }

    private static void Breakdown(StringBuilder md, string title, IReadOnlyList<ComparisonRow> rows)
    {
        md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| group | recoveries on / off | avg ms on | avg ms off | time improvement | success on | success off | success improvement |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Group} | {r.On.Recoveries} / {r.Off.Recoveries} | {r.On.AverageMs:0.0} | {r.Off.AverageMs:0.0} | {r.AverageTimeImprovement:P1} | {r.On.SuccessRate:P1} | {r.Off.SuccessRate:P1} | {r.SuccessImprovement:+0.0%;-0.0%} |\n");
        }

        md.Append('\n');
    }
}
