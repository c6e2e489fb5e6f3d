using System.Globalization;
using BenchmarkDotNet.Running;
using RecoveryCluster.Benchmarks;
using RecoveryCluster.Benchmarks.Propagation;
using RecoveryCluster.Benchmarks.Recovery;
using RecoveryCluster.Testing;
using RecoveryCluster.Worker.Faults;

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

// `propagation [trials] [--workers N]` runs P4: three silo processes, four client processes started as `p4-client`
// (hidden), with N workers in all (default 4), each with its own subscription.
if (args.Length > 0 && args[0] == "propagation")
{
    var trials = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
    var workerArg = Array.IndexOf(args, "--workers");
    var workers = workerArg > 0 ? int.Parse(args[workerArg + 1], CultureInfo.InvariantCulture) : 4;
    var result = await PropagationBenchmark.RunAsync(
        trials, resultsDirectory: Path.Combine(BenchmarkConfig.ResultsDirectory, workers == 4 ? "propagation" : $"propagation-{workers}"),
        workersPerClient: Math.Max(1, workers / 4));
    Console.WriteLine(FormattableString.Invariant(
        $"P4 isolate → all {result.Workers} workers in {result.Clients} processes gate, {result.Trials} trials over {result.Silos} silos: p50 {result.AllClientsP50Ms:0.0} ms, p99 {result.AllClientsP99Ms:0.0} ms, max {result.AllClientsMaxMs:0.0} ms (target p99 ≤ 100 ms); first client p50 {result.FirstClientP50Ms:0.0} ms; isolate request p50 {result.IsolateRequestP50Ms:0.0} ms"));
    return;
}

// `fleet-limit [seconds] [--concurrency N] [--rate R]` runs the fleet limit benchmark: one silo process, four worker
// processes (started as `fleet-limit-worker`, hidden) pushing past the limit; target ±5 %.
if (args.Length > 0 && args[0] == "fleet-limit")
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var seconds = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
    var concurrency = Option("--concurrency") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 40;
    var rate = Option("--rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : 400;
    var phases = await RecoveryCluster.Benchmarks.FleetLimit.FleetLimitBenchmark.RunAsync(
        concurrency, rate, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(4), Path.Combine(BenchmarkConfig.ResultsDirectory, "fleet-limit"));
    foreach (var p in phases)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"fleet {p.Kind} limit {p.Limit:0.#}, {p.Workers} workers × {p.CallersPerWorker} callers: mean in flight {p.MeanInFlight:0.00} (peak {p.PeakInFlight}), {p.CallsPerSecond:0.0} calls/s; ratio {p.Ratio:P1} ({(p.WithinFivePercent ? "within" : "OUTSIDE")} ±5 %); admitted {p.Admitted}, refused {p.Refused}"));
    }

    return;
}

// `hedging [calls] [--concurrency N] [--seed S]` compares p99 with and without hedging on a component with a slow tail.
if (args.Length > 0 && args[0] == "hedging")
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var calls = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
    var concurrency = Option("--concurrency") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 16;
    var seed = Option("--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 42;
    var arms = await RecoveryCluster.Benchmarks.Hedging.HedgingBenchmark.RunAsync(calls, concurrency, seed, Path.Combine(BenchmarkConfig.ResultsDirectory, "hedging"));
    foreach (var arm in arms)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{arm.Name,-28} {arm.Calls} calls: p50 {arm.P50Ms:0.0} ms, p95 {arm.P95Ms:0.0} ms, p99 {arm.P99Ms:0.0} ms, max {arm.MaxMs:0.0} ms; copies run {arm.Attempts} ({(double)arm.Attempts / arm.Calls:0.00} per call){(arm.LearnedDelayMs is { } d ? $", learned delay {d:0.0} ms" : "")}"));
    }

    Console.WriteLine(FormattableString.Invariant($"hedging p99 / no hedging p99: {arms[1].P99Ms / arms[0].P99Ms:P0}"));
    return;
}

// `policy-propagation [trials]`: a policy PUT through one of three silo processes → every one of four worker processes
// holds a lease of the new version; target a p99 like P4's (≤ 100 ms).
if (args.Length > 0 && args[0] == "policy-propagation")
{
    var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
    var result = await RecoveryCluster.Benchmarks.PolicyPropagation.PolicyPropagationBenchmark.RunAsync(
        trials, resultsDirectory: Path.Combine(BenchmarkConfig.ResultsDirectory, "policy-propagation"));
    Console.WriteLine(FormattableString.Invariant(
        $"policy PUT → all {result.Workers} worker processes hold the new version, {result.Trials} trials over {result.Silos} silos: p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, max {result.MaxMs:0.0} ms (target p99 ≤ 100 ms)"));
    return;
}

if (args.Length == 5 && args[0] == RecoveryCluster.Benchmarks.PolicyPropagation.PolicyWorker.Mode)
{
    await RecoveryCluster.Benchmarks.PolicyPropagation.PolicyWorker.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
    return;
}

if (args.Length == 7 && args[0] == RecoveryCluster.Benchmarks.FleetLimit.FleetLimitWorker.Mode)
{
    await RecoveryCluster.Benchmarks.FleetLimit.FleetLimitWorker.RunAsync(
        args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], args[5], int.Parse(args[6], CultureInfo.InvariantCulture));
    return;
}

if (args.Length == 6 && args[0] == PropagationClient.Mode)
{
    await PropagationClient.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture));
    return;
}

// `recovery [smoke|quick|standard|comprehensive] [--seed N] [--faults time|count] [--arms a,b] [--patterns p,q] [--kinds k,l]
// [--fault-rate R]` runs P5/P7: the same fleet and faults through each arm (cluster, cluster-no-breaker, polly-standard, retry-only).
if (args.Length > 0 && args[0] == "recovery")
{
    var mode = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)
        ? Enum.Parse<RecoveryBenchmarkMode>(args[1], ignoreCase: true) : RecoveryBenchmarkMode.Standard;
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var faults = new FaultOptions { Rate = mode == RecoveryBenchmarkMode.Smoke ? 0.5 : 0.05 };
    if (Option("--faults") is { } model)
    {
        faults.Model = Enum.Parse<FaultModel>(model, ignoreCase: true);
    }

    if (Option("--fault-rate") is { } rate)
    {
        faults.Rate = double.Parse(rate, CultureInfo.InvariantCulture);
    }

    faults.Patterns = [.. (Option("--patterns") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => Enum.Parse<FaultPattern>(p, ignoreCase: true))];
    faults.Kinds = [.. (Option("--kinds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Enum.Parse<FailureKind>(k, ignoreCase: true))];
    var arms = Option("--arms") is { } names ? names.Split(',').Select(RecoveryReport.Parse).ToArray() : null;
    var seed = Option("--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 42;
    var settings = RecoveryBenchmarkSettings.For(mode, seed, faults, arms);
    if (Option("--seeds") is { } count)
    {
        settings = settings with { Seeds = [.. Enumerable.Range(seed, int.Parse(count, CultureInfo.InvariantCulture))] };
    }

    if (Option("--open-periods") is { } periods)
    {
        // first,growth,max in seconds, e.g. 1,2,10
        var p = periods.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        settings = settings with { OpenPeriods = (TimeSpan.FromSeconds(p[0]), p[1], TimeSpan.FromSeconds(p[2])) };
    }

    if (Option("--duration") is { } seconds)
    {
        settings = settings with { Duration = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)) };
    }

    var result = await RecoveryBenchmark.RunAsync(settings, Path.Combine(BenchmarkConfig.ResultsDirectory, "recovery"), Console.WriteLine);
    foreach (var line in RecoveryReport.Headlines(result))
    {
        Console.WriteLine(line);
    }

    return;
}

// `e2e [seconds] [--durable]` runs P2/P3 against a separate silo process; with --durable, a second run in the same
// invocation puts the silo on a fresh database of the local PostgreSQL (deploy/local/postgres.sh).
if (args.Length > 0 && args[0] == "e2e")
{
    var seconds = args.Length > 1 && args[1] != "--durable" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
    var directory = Path.Combine(BenchmarkConfig.ResultsDirectory, "e2e");
    var memory = await RecoveryCluster.Benchmarks.EndToEnd.EndToEndBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), [1, 16, 256], directory);
    Print("memory", memory);
    if (args.Contains("--durable"))
    {
        var database = await (await PostgresServer.LocalAsync()).CreateDatabaseAsync($"rc_bench_e2e_{Guid.NewGuid():N}");
        var durable = await RecoveryCluster.Benchmarks.EndToEnd.EndToEndBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), [1, 16, 256], directory, database);
        Print("durable", durable);
        var inMemory = memory.Single(r => r.Scenario == "full recovery cycle" && r.Concurrency == 256);
        var onDisk = durable.Single(r => r.Scenario == "full recovery cycle" && r.Concurrency == 256);
        Console.WriteLine(FormattableString.Invariant(
            $"P3 at 256: memory {inMemory.OperationsPerSecond:0}/s ({inMemory.ThroughputRatio:P1} of no-op), durable {onDisk.OperationsPerSecond:0}/s ({onDisk.ThroughputRatio:P1} of no-op); durable/memory {onDisk.OperationsPerSecond / inMemory.OperationsPerSecond:P0}"));
    }

    return;
}

static void Print(string mode, IReadOnlyList<RecoveryCluster.Benchmarks.EndToEnd.LoadResult> results)
{
    foreach (var r in results)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"[{mode}] {r.Scenario,-48} c={r.Concurrency,-4} {r.OperationsPerSecond,9:0}/s  p50 {r.P50Microseconds,7:0} µs  p99 {r.P99Microseconds,7:0} µs  ×baseline: throughput {r.ThroughputRatio:0.00}, p50 {r.P50Ratio:0.00}, p99 {r.P99Ratio:0.00}; grain calls/op {r.GrainCallsPerOperation:0.00}"));
    }
}

// `scale [seconds] [--points 1000,100000,1000000] [--threads 16] [--seed N] [--server CS] [--results DIR]` measures
// reports against a durable silo at each number of stored errors, each point on a database of its own on the server
// (default: the local one of deploy/local/postgres.sh); results in DIR (default results/scale; "none" writes nothing).
if (args.Length > 0 && args[0] == "scale")
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var seconds = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
    var points = (Option("--points") ?? "1000,100000,1000000").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    var threads = Option("--threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 16;
    var seed = Option("--seed") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 42;
    var server = Option("--server") ?? (await PostgresServer.LocalAsync()).AdminConnectionString;
    var results = Option("--results") ?? Path.Combine(BenchmarkConfig.ResultsDirectory, "scale");
    var result = await RecoveryCluster.Benchmarks.Scale.ScaleBenchmark.RunAsync(
        server, points, TimeSpan.FromSeconds(seconds), threads, seed, results == "none" ? null : results, Console.WriteLine);
    var first = result[0];
    var last = result[^1];
    Console.WriteLine(FormattableString.Invariant(
        $"{last.StoredErrors:N0} vs {first.StoredErrors:N0} errors: throughput {last.ReportsPerSecond / first.ReportsPerSecond:P0} (target ≥ 80 %), p99 {last.ReportP99Ms / first.ReportP99Ms:0.00}× (target ≤ 2×), silo RSS after {last.SiloRssAfterMb:0} vs {first.SiloRssAfterMb:0} MiB"));
    return;
}

// `history [rows] [connection string]` times the durable history's queries over a large table (default 1,000,000 rows)
// on the server named (default: the local one deploy/local/postgres.sh starts).
if (args.Length > 0 && args[0] == "history")
{
    var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var server = args.Length > 2 ? args[2] : (await PostgresServer.LocalAsync()).AdminConnectionString;
    var timings = await RecoveryCluster.Benchmarks.History.HistoryQueryBenchmark.RunAsync(server, rows, 20, Path.Combine(BenchmarkConfig.ResultsDirectory, "history"));
    foreach (var t in timings)
    {
        Console.WriteLine(FormattableString.Invariant($"{t.Query,-58} median {t.MedianMilliseconds,7:0.0} ms  p95 {t.P95Milliseconds,7:0.0} ms  max {t.MaxMilliseconds,7:0.0} ms  {(t.MeetsTarget ? "met" : "MISSED")}"));
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
