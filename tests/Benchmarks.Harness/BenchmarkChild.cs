using System.Diagnostics;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks;

/// <summary>The benchmark executable started again in one of its hidden modes, with stdin, stdout and stderr redirected.</summary>
public static class BenchmarkChild
{
    public static Process Start(params string[] arguments)
    {
        var benchmarks = Path.Combine(Repository.Root, "tests", "Benchmarks", "bin", Repository.Configuration, "net10.0", "RecoveryCluster.Benchmarks.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(benchmarks);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"The benchmark process ({arguments.FirstOrDefault()}) did not start.");
    }

    /// <summary>Kills a child that is still running, waits for it, and releases it.</summary>
    public static async ValueTask KillAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
