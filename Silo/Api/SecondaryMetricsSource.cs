using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.History;

namespace RecoveryCluster.Silo.Api;

/// <summary>Reads the error summaries the secondary metrics need (first seen, regressions) from the error list.</summary>
public static class SecondaryMetricsSource
{
    public static async Task<SecondaryMetrics> ComputeAsync(IErrorList errorList, ErrorType? type, IReadOnlyCollection<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(errorList);
        var attempted = records.Select(r => r.ErrorId).ToHashSet(StringComparer.Ordinal);
        var errors = await errorList.FindAsync(attempted, type);
        return SecondaryMetrics.Compute(records, errors);
    }
}
