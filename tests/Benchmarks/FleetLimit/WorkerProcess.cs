using System.Diagnostics;
using System.Globalization;
using RecoveryCluster.Benchmarks.EndToEnd;

namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>A <see cref="FleetLimitWorker"/> in its own process, as the coordinator sees it.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<(long Admitted, long Refused)> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastErrors = new();

    private WorkerProcess(Process process) => _process = process;

    public static async Task<WorkerProcess> StartAsync(string clusterId, int gatewayPort, string component, string workerId, string url, int callers, TimeSpan readyWithin)
    {
        var benchmarks = Path.Combine(BenchmarkConfig.RepositoryRoot, "tests", "Benchmarks", "bin", SiloProcess.BuildConfiguration(), "net10.0", "RecoveryCluster.Benchmarks.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { benchmarks, FleetLimitWorker.Mode, clusterId, gatewayPort.ToString(CultureInfo.InvariantCulture), component, workerId, url, callers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnError(e.Data);
        process.Exited += (_, _) => worker._ready.TrySetException(new InvalidOperationException($"Worker {workerId} exited: {worker.LastErrors()}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await worker._ready.Task.WaitAsync(readyWithin);
            return worker;
        }
        catch (TimeoutException)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"Worker {workerId} held no lease within {readyWithin.TotalSeconds} s: {worker.LastErrors()}");
        }
    }

    /// <summary>Closes the worker's stdin and waits for its counts.</summary>
    public async Task<(long Admitted, long Refused)> StopAsync(TimeSpan within)
    {
        _process.StandardInput.Close();
        return await _done.Task.WaitAsync(within);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line == FleetLimitWorker.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line is not null && line.StartsWith("done ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            _done.TrySetResult((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastErrors)
        {
            _lastErrors.Enqueue(line);
            if (_lastErrors.Count > 20)
            {
                _lastErrors.Dequeue();
            }
        }
    }

    private string LastErrors()
    {
        lock (_lastErrors)
        {
            return _lastErrors.Count == 0 ? "(no stderr output)" : string.Join(" | ", _lastErrors);
        }
    }
}
