using System.Globalization;
using BenchmarkDotNet.Running;
using RecoveryCluster.Benchmarks;

// `learning [errorsPerPhase] [seed]` runs the P6 harness; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "learning")
{
    var errors = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
    var result = await LearningBenchmark.RunAsync(errors, seed, Path.Combine(BenchmarkConfig.ResultsDirectory, "learning"));
    foreach (var row in result.Rows)
    {
        Console.WriteLine(FormattableString.Invariant($"{row.ErrorType,-11} {row.Phase,-13} cluster {row.ClusterSuccess:P1}  oracle {row.OracleSuccess:P1}  fixed order {row.FixedOrderSuccess:P1}"));
    }

    Console.WriteLine(FormattableString.Invariant($"P6 cluster/oracle: first {result.ClusterToOracle("first"):P1}, after the change {result.ClusterToOracle("after change"):P1} (target ≥ 90 %)"));
    return;
}

// `e2e [seconds]` runs P2/P3 against a separate silo process.
if (args.Length > 0 && args[0] == "e2e")
{
    var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
    var results = await RecoveryCluster.Benchmarks.EndToEnd.EndToEndBenchmark.RunAsync(
        TimeSpan.FromSeconds(seconds), [1, 16, 256], Path.Combine(BenchmarkConfig.ResultsDirectory, "e2e"));
    foreach (var r in results)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{r.Scenario,-48} c={r.Concurrency,-4} {r.OperationsPerSecond,9:0}/s  p50 {r.P50Microseconds,7:0} µs  p99 {r.P99Microseconds,7:0} µs  ×baseline: throughput {r.ThroughputRatio:0.00}, p50 {r.P50Ratio:0.00}, p99 {r.P99Ratio:0.00}"));
    }

    return;
}

// `history [rows] [connection string]` times the durable history's queries over a large table (default 1,000,000 rows)
// on the server named (default: the local one deploy/local/postgres.sh starts).
if (args.Length > 0 && args[0] == "history")
{
    var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var server = args.Length > 2 ? args[2] : await RecoveryCluster.Benchmarks.History.LocalPostgres.StartAsync();
    var timings = await RecoveryCluster.Benchmarks.History.HistoryQueryBenchmark.RunAsync(server, rows, 20, Path.Combine(BenchmarkConfig.ResultsDirectory, "history"));
    foreach (var t in timings)
    {
        Console.WriteLine(FormattableString.Invariant($"{t.Query,-58} median {t.MedianMilliseconds,7:0.0} ms  p95 {t.P95Milliseconds,7:0.0} ms  max {t.MaxMilliseconds,7:0.0} ms  {(t.MeetsTarget ? "met" : "MISSED")}"));
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
