using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Remediation;

/// <summary>Everything a strategy may use: the failed operation (to run again), the error, the plan and the call's options.</summary>
public sealed class RecoveryContext
{
    internal RecoveryContext(
        string component, string operationName, Func<CancellationToken, Task<object?>> operation, Exception error,
        ErrorClassification classification, RecoveryPlan plan, ExecuteOptions options, IRecoveryActions actions, TimeProvider timeProvider,
        ErrorPattern? pattern = null, ErrorCorrections? corrections = null)
    {
        Component = component;
        OperationName = operationName;
        Operation = operation;
        Error = error;
        Classification = classification;
        Plan = plan;
        Options = options;
        Actions = actions;
        TimeProvider = timeProvider;
        Pattern = pattern;
        Corrections = corrections ?? ErrorCorrections.None;
    }

    public string Component { get; }

    public string OperationName { get; }

    /// <summary>The failed operation; strategies that retry call it again.</summary>
    public Func<CancellationToken, Task<object?>> Operation { get; }

    /// <summary>The failure being recovered.</summary>
    public Exception Error { get; }

    public ErrorClassification Classification { get; }

    /// <summary>The error pattern that matched, with its strategy, max retries and metadata; null when none did.</summary>
    public ErrorPattern? Pattern { get; }

    /// <summary>The correction rules registered on this worker, by pattern id.</summary>
    public ErrorCorrections Corrections { get; }

    public RecoveryPlan Plan { get; internal set; }

    public ExecuteOptions Options { get; }

    /// <summary>The worker's own recovery actions (reconnect, migrate tasks, reduce load, ...).</summary>
    public IRecoveryActions Actions { get; }

    public TimeProvider TimeProvider { get; }

    public IReadOnlyList<string> TaskIds => Options.TaskIds ?? [];
}
