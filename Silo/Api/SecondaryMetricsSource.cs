using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.History;

namespace RecoveryCluster.Silo.Api;

/// <summary>Reads the error summaries the secondary metrics need (first seen, regressions) from the error index.</summary>
public static class SecondaryMetricsSource
{
    public static async Task<SecondaryMetrics> ComputeAsync(IGrainFactory grains, ErrorIndexFeed index, ErrorType? type, IReadOnlyCollection<RecoveryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(index);
        await index.FlushAsync();
        var errors = await ErrorIndex.QueryAsync(grains, new ErrorQuery(Type: type, Limit: int.MaxValue));
        return SecondaryMetrics.Compute(records, errors);
    }
}
