using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace RecoveryCluster.Grains.Storage;

/// <summary>
/// Turns a storage failure inside a grain call into one <see cref="StorageUnavailableException"/> at the grain
/// boundary, with a one-line reason, so every caller (workers, other grains, the HTTP API) can tell "retry later"
/// from a real error without knowing which provider or driver failed.
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    /// <summary>How Orleans' state bridge begins the error it raises when a grain storage provider fails.</summary>
    private const string GrainStoragePrefix = "Error from storage provider";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (error is not StorageUnavailableException && IsStorageFailure(error))
        {
            LogStorageFailure(context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), error);
            throw new StorageUnavailableException($"The cluster's storage is out of reach; nothing was recorded. {FirstLine(RootCause(error).Message)}");
        }
    }

    /// <summary>A database error anywhere in the chain, or Orleans' wrapper around a grain storage provider's error.</summary>
    public static bool IsStorageFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException or StorageUnavailableException
                || (e is OrleansException && e.Message.StartsWith(GrainStoragePrefix, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static Exception RootCause(Exception error)
    {
        var cause = error;
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                return e;
            }

            cause = e;
        }

        return cause;
    }

    /// <summary>The first line of an error message: a reason fit for an answer, without a provider's details.</summary>
    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed on storage; answered as storage unavailable")]
    private partial void LogStorageFailure(string method, string grain, Exception error);
}
