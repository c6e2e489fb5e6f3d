using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>
/// Which index shard holds an error (memory mode's error list; see <see cref="IndexedErrorList"/>). The hash must be
/// the same in every silo process, which string.GetHashCode is not. Changing it moves errors between shards: the
/// shards live in memory mode only, so nothing stored depends on it.
/// </summary>
public static class ErrorIndexShard
{
    public static string Of(string errorId)
    {
        ArgumentNullException.ThrowIfNull(errorId);
        var hash = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(errorId.AsSpan()));
        return (hash % ErrorIndex.ShardCount).ToString(CultureInfo.InvariantCulture);
    }
}
