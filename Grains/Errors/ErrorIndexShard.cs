using System.Globalization;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Which index shard holds an error (memory mode's error list; see <see cref="IndexedErrorList"/>).</summary>
public static class ErrorIndexShard
{
    public static string Of(string errorId)
    {
        ArgumentNullException.ThrowIfNull(errorId);
        // A stable hash: string.GetHashCode differs between processes.
        uint hash = 2166136261;
        foreach (var c in errorId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (hash % ErrorIndex.ShardCount).ToString(CultureInfo.InvariantCulture);
    }
}
