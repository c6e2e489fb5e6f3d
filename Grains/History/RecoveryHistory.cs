using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.Grains.History;

/// <summary>Queries across the per-type history grains.</summary>
public static class RecoveryHistory
{
    /// <summary>Matching records of one type or all types, newest first.</summary>
    public static async Task<IReadOnlyList<RecoveryRecord>> QueryAsync(IGrainFactory grains, ErrorType? type, HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(query);
        var types = type is { } t ? [t] : ErrorTypeNames.All;
        var parts = await Task.WhenAll(types.Select(t => grains.GetGrain<IRecoveryHistoryGrain>(t.ToName()).QueryAsync(query)));
        return parts.SelectMany(p => p).OrderByDescending(r => r.Timestamp).Take(query.Limit).ToArray();
    }
}
