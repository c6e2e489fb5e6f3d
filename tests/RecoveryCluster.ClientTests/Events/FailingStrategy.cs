using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.ClientTests.Events;

/// <summary>A strategy under a built-in id that always fails, so an error walks every level.</summary>
public sealed class FailingStrategy(string id) : IRecoveryStrategy
{
    public string Id => id;

    public Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StrategyResult.Failed(new TimeoutException($"{id} did not help")));
}
