using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Recovery;

/// <summary>
/// A failure as the recovery loop reported it: how it was classified, the occurrence sent, and, when the cluster
/// answered, the error's grain and its answer (the first plan). Without an answer the worker recovers it alone.
/// </summary>
internal sealed record ReportedFailure(ErrorClassification Classification, ErrorPattern? Pattern, ErrorOccurrence Occurrence)
{
    public IErrorGrain? Grain { get; init; }

    public ReportResult? Answer { get; init; }
}
