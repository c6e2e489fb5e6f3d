namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// Code that carries out a recovery the cluster planned. The cluster's catalog decides where a strategy applies
/// (levels, error types); the worker holds the code, found by <see cref="Id"/>.
/// </summary>
public interface IRecoveryStrategy
{
    /// <summary>The id the cluster's plans use, e.g. <c>retry</c>.</summary>
    string Id { get; }

    /// <summary>Runs the recovery. Throwing counts as a failed outcome; the plan's timeout cancels the token.</summary>
    Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken);
}
