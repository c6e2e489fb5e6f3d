using Polly.Timeout;

namespace RecoveryCluster.Client;

/// <summary>What the worker library treats as "the cluster could not answer" (as opposed to an error in the call).</summary>
internal static class ClusterFailure
{
    /// <summary>No answer in time (the cluster call pipeline's timeout), an Orleans failure (silo gone, message rejected), or storage the cluster could not reach.</summary>
    public static bool Is(Exception error) => error is TimeoutRejectedException or TimeoutException or OrleansException or StorageUnavailableException;
}
