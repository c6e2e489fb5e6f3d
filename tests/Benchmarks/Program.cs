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

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
