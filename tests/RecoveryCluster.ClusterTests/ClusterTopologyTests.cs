using Microsoft.Extensions.DependencyInjection;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTopologyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Errors_activated_on_one_silo_are_reachable_from_a_client_of_the_other()
    {
        var silos = fixture.Cluster.Silos;
        Assert.Equal(2, silos.Count);
        var factories = silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToArray();
        var component = Failures.NewComponent("fleet");

        // Each silo reports its own set of errors, so activations land on both.
        var reported = new List<(ErrorOccurrence Occurrence, int Reporter)>();
        for (var i = 0; i < 20; i++)
        {
            var occurrence = Failures.Occurrence(component, operation: $"Operation{(char)('A' + i)}", type: ErrorType.Worker);
            await factories[i % 2].ReportAsync(occurrence);
            reported.Add((occurrence, i % 2));
        }

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var hosts = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainType.Contains("ErrorGrain", StringComparison.Ordinal))
            .Select(s => s.SiloAddress)
            .Distinct()
            .Count();
        Assert.Equal(2, hosts);

        foreach (var (occurrence, reporter) in reported)
        {
            var viaOtherSilo = await factories[1 - reporter].Grain(occurrence).GetReportAsync();
            var viaClient = await fixture.Client.Grain(occurrence).GetReportAsync();
            Assert.Equal(1, viaOtherSilo!.AggregatedCount);
            Assert.Equal(viaOtherSilo.ErrorId, viaClient!.ErrorId);
            Assert.Equal(viaOtherSilo.AggregatedCount, viaClient.AggregatedCount);
            Assert.Equal(viaOtherSilo.PendingPlan!.Attempt, viaClient.PendingPlan!.Attempt);
        }
    }
}
