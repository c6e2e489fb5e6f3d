using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.TestingHost;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Hosting;

namespace RecoveryCluster.Benchmarks;

/// <summary>
/// P6: how well the cluster learns which strategy to choose. Each error type's level-1 candidates succeed with
/// probabilities only the harness (the oracle) knows; halfway through, the best and the worst swap. Every error gets
/// one level-1 attempt drawn from the chosen strategy's probability (fixed seed), then is resolved by hand so no
/// other level's attempts touch the statistics. Compares the cluster's choice with the oracle and with always taking
/// the catalog's first candidate.
/// </summary>
public static class LearningBenchmark
{
    /// <summary>Level-1 candidates per type, in catalog order, with their true success rates before the change.</summary>
    private static readonly (ErrorType Type, (string Strategy, double Before)[] Candidates)[] Scenario =
    [
        (ErrorType.Database, [("retry", 0.30), ("reconnect", 0.55), ("database-reconnect", 0.90)]),
        (ErrorType.Network, [("retry", 0.40), ("reconnect", 0.85)]),
        (ErrorType.Validation, [("retry", 0.20), ("error-correction", 0.80)]),
    ];

    public static async Task<LearningResult> RunAsync(int errorsPerPhase, int seed = 42, string? resultsDirectory = null)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Recovery);
            silo.AddRecoveryCluster();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var random = new Random(seed);
            var rows = new List<LearningRow>();
            foreach (var (type, candidates) in Scenario)
            {
                foreach (var phase in new[] { "first", "after change" })
                {
                    var truth = candidates.ToDictionary(c => c.Strategy, c => phase == "first" ? c.Before : Swapped(candidates, c.Strategy));
                    int chosenSuccesses = 0, baselineSuccesses = 0;
                    double oracle = truth.Values.Max() * errorsPerPhase;
                    for (var i = 0; i < errorsPerPhase; i++)
                    {
                        var occurrence = new ErrorOccurrence(type, ErrorSeverity.Low, $"{type} failure {phase} {i:x8}", null,
                            new ErrorContext($"learning-{type}", "Op", $"worker-{phase}-{i}"), DateTimeOffset.UnixEpoch);
                        var grain = cluster.Client.GetGrain<IErrorGrain>(ErrorFingerprint.Compute(occurrence));
                        var plan = (await grain.ReportAsync(occurrence)).Plan!;
                        var draw = random.NextDouble();
                        var success = draw < truth[plan.StrategyId];
                        chosenSuccesses += success ? 1 : 0;
                        baselineSuccesses += draw < truth[candidates[0].Strategy] ? 1 : 0;
                        await grain.RecordOutcomeAsync(plan.Attempt, new RecoveryOutcome(plan.StrategyId, success, TimeSpan.FromSeconds(1), StabilityScore: success ? 1 : 0));
                        if (!success)
                        {
                            await grain.ResolveAsync();
                        }
                    }

                    rows.Add(new LearningRow(type.ToName(), phase, errorsPerPhase, (double)chosenSuccesses / errorsPerPhase, oracle / errorsPerPhase, (double)baselineSuccesses / errorsPerPhase));
                }
            }

            var result = new LearningResult(rows, seed);
            if (resultsDirectory is not null)
            {
                Write(result, resultsDirectory);
            }

            return result;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    // Each error comes from its own worker with low severity, so nothing counts against the breaker: only the choice is measured.

    /// <summary>After the change, the best and the worst candidates trade success rates.</summary>
    private static double Swapped((string Strategy, double Before)[] candidates, string strategy)
    {
        var best = candidates.MaxBy(c => c.Before);
        var worst = candidates.MinBy(c => c.Before);
        return strategy == best.Strategy ? worst.Before : strategy == worst.Strategy ? best.Before : candidates.Single(c => c.Strategy == strategy).Before;
    }

    private static void Write(LearningResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "learning.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        var md = new StringBuilder("| error type | phase | errors | cluster success | oracle | fixed order | cluster / oracle |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in result.Rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.ErrorType} | {r.Phase} | {r.Errors} | {r.ClusterSuccess:P1} | {r.OracleSuccess:P1} | {r.FixedOrderSuccess:P1} | {r.ClusterSuccess / r.OracleSuccess:P1} |\n");
        }

        File.WriteAllText(Path.Combine(directory, "learning.md"), md.ToString());
    }
}
