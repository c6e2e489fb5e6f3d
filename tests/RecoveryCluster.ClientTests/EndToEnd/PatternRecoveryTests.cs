using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.EndToEnd;

/// <summary>
/// A configured error pattern chooses the recovery: the cluster plans its strategy at level 1 and the worker's
/// correction rule fixes the failure. A cluster of its own, so no other test's statistics judge the strategy.
/// </summary>
public sealed class PatternRecoveryTests(PatternRecoveryTests.OwnCluster fixture) : IClassFixture<PatternRecoveryTests.OwnCluster>
{
    [Fact]
    public async Task A_configured_patterns_strategy_is_planned_at_level_1_and_its_correction_rule_fixes_the_failure()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Client:Patterns:0:Id"] = "schema-drift",
            ["RecoveryCluster:Client:Patterns:0:Regex"] = @"schema drift: column '\w+' is missing",
            ["RecoveryCluster:Client:Patterns:0:Type"] = "validation",
            ["RecoveryCluster:Client:Patterns:0:RecoveryStrategy"] = StrategyIds.ErrorCorrection,
            ["RecoveryCluster:Client:Patterns:0:Metadata:column"] = "nickname",
        }).Build();
        var migrated = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(fixture.Client);
        services.AddRecoveryClient(o =>
        {
            o.WorkerId = "pattern-worker";
            o.ClusterCallTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddErrorCorrection("schema-drift", (context, _) =>
        {
            lock (migrated)
            {
                migrated.Add(context.Pattern!.Metadata["column"]);
            }

            return Task.FromResult(true);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IRecoveryClient>();
        var plans = new List<RecoveryPlan>();
        using var _ = client.Hooks.OnPlan(p => plans.Add(p.Plan));

        // Fails until the column is migrated: only the correction rule fixes it, retrying alone never does.
        var profile = await client.ExecuteAsync("profiles-db", "LoadProfile", _ =>
        {
            lock (migrated)
            {
                return migrated.Count > 0 ? Task.FromResult("profile 7") : throw new InvalidOperationException("schema drift: column 'nickname' is missing");
            }
        });

        Assert.Equal("profile 7", profile);
        Assert.Equal(["nickname"], migrated);
        var plan = Assert.Single(plans);
        Assert.Equal((RecoveryLevel.Basic, StrategyIds.ErrorCorrection), (plan.Level, plan.StrategyId));
        Assert.Equal("pattern 'schema-drift' prefers 'error-correction' (0 of the 3 samples needed to judge it)", plan.Reason);
        var report = await fixture.Client.GetGrain<IErrorGrain>(plan.ErrorId).GetReportAsync();
        Assert.Equal((ErrorType.Validation, ErrorStatus.Resolved), (report!.Type, report.Status));
    }

    public sealed class OwnCluster : ClientClusterFixture;
}
