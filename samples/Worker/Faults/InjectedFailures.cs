using System.Net.Sockets;

namespace RecoveryCluster.Worker.Faults;

/// <summary>The exception each failure kind throws, so the client classifies it as a real worker would see it.</summary>
public static class InjectedFailures
{
    public static Exception Create(FailureKind kind, string component) => kind switch
    {
        FailureKind.ConnectionFailure => new SocketException((int)SocketError.ConnectionReset),
        FailureKind.ResourceExhaustion => new ResourceExhaustedException($"Worker pool for '{component}' has no free slots (resource exhausted)."),
        FailureKind.GpuError => new GpuFaultException($"CUDA error on device 0 while serving '{component}': illegal memory access."),
        FailureKind.ApiError => new HttpRequestException($"Response status code does not indicate success: 503 (Service Unavailable) from '{component}'."),
        FailureKind.Timeout => new TimeoutException($"The call to '{component}' timed out after 5000 ms."),
        FailureKind.Crash => new WorkerCrashException($"The worker process serving '{component}' exited with code 137."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind."),
    };
}
