using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

[GenerateSerializer, Alias("rc.error-index-state")]
public sealed class ErrorIndexState
{
    [Id(0)] public Dictionary<string, ErrorSummary> Errors { get; set; } = new(StringComparer.Ordinal);
}
