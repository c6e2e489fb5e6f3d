using System.Globalization;
using BenchmarkDotNet.Running;
using RecoveryCluster.Benchmarks;
using RecoveryCluster.Benchmarks.Propagation;
using RecoveryCluster.Benchmarks.Recovery;
using RecoveryCluster.Worker;

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

// `propagation [trials]` runs P4: three silo processes, four client processes started as `p4-client` (hidden).
if (args.Length > 0 && args[0] == "propagation")
{
    var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
    var result = await PropagationBenchmark.RunAsync(trials, resultsDirectory: Path.Combine(BenchmarkConfig.ResultsDirectory, "propagation"));
    Console.WriteLine(FormattableString.Invariant(
        $"P4 isolate → all {result.Clients} clients gate, {result.Trials} trials over {result.Silos} silos: p50 {result.AllClientsP50Ms:0.0} ms, p99 {result.AllClientsP99Ms:0.0} ms, max {result.AllClientsMaxMs:0.0} ms (target p99 ≤ 100 ms); first client p50 {result.FirstClientP50Ms:0.0} ms; isolate request p50 {result.IsolateRequestP50Ms:0.0} ms"));
    return;
}

if (args.Length == 5 && args[0] == PropagationClient.Mode)
{
    await PropagationClient.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
    return;
}

// `recovery [quick|standard|comprehensive] [seed] [kind,kind,...]` runs P5: the same faults with the cluster breaker off and on.
if (args.Length > 0 && args[0] == "recovery")
{
    var mode = args.Length > 1 ? Enum.Parse<RecoveryBenchmarkMode>(args[1], ignoreCase: true) : RecoveryBenchmarkMode.Standard;
    var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
    var kinds = args.Length > 3 ? args[3].Split(',').Select(k => Enum.Parse<FailureKind>(k, ignoreCase: true)).ToArray() : [];
    var result = await RecoveryBenchmark.RunAsync(RecoveryBenchmarkSettings.For(mode, seed, kinds),
        Path.Combine(BenchmarkConfig.ResultsDirectory, "recovery"), Console.WriteLine);
    Console.WriteLine(RecoveryReport.Headline(result));
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

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
