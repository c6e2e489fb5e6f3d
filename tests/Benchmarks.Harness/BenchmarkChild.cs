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

    /// <summary>
    /// Feeds a started child's stdout lines to <paramref name="onLine"/> and its stderr to <paramref name="errors"/>, then
    /// waits until <paramref name="ready"/> completes (<paramref name="onLine"/> completes it on the mode's ready line). A
    /// child that exits first, or stays silent past <paramref name="readyWithin"/>, is killed and reported as
    /// <paramref name="name"/> with its last stderr lines.
    /// </summary>
    public static async Task WaitReadyAsync(
        Process process, string name, Action<string?> onLine, StderrTail errors, TaskCompletionSource ready, TimeSpan readyWithin, string notReady)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) => onLine(e.Data);
        process.ErrorDataReceived += (_, e) => errors.Add(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{name} exited: {errors}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(readyWithin);
        }
        catch (TimeoutException)
        {
            await KillAsync(process);
            throw new TimeoutException($"{name} {notReady} within {readyWithin.TotalSeconds} s: {errors}");
        }
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
