using System.Runtime.ExceptionServices;

namespace RecoveryCluster.Client;

internal static class ExceptionExtensions
{
    /// <summary>Rethrows with the original stack trace; the return type lets callers write <c>throw error.Rethrow()</c>.</summary>
    public static Exception Rethrow(this Exception error)
    {
        ExceptionDispatchInfo.Capture(error).Throw();
        return error;
    }
}
