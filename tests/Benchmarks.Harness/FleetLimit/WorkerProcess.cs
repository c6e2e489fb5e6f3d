using System.Diagnostics;
using System.Globalization;

namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>A <see cref="FleetLimitWorker"/> in its own process, as the coordinator sees it.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<(long Admitted, long Refused)> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StderrTail _errors = new();

    private WorkerProcess(Process process) => _process = process;

    public static async Task<WorkerProcess> StartAsync(string clusterId, int gatewayPort, string component, string workerId, string url, int callers, TimeSpan readyWithin)
    {
        var process = BenchmarkChild.Start(
            FleetLimitWorker.Mode, clusterId, gatewayPort.ToString(CultureInfo.InvariantCulture), component, workerId, url, callers.ToString(CultureInfo.InvariantCulture));
        var worker = new WorkerProcess(process);
        await BenchmarkChild.WaitReadyAsync(process, $"Worker {workerId}", worker.OnLine, worker._errors, worker._ready, readyWithin, "held no lease");
        return worker;
    }

    /// <summary>Closes the worker's stdin and waits for its counts.</summary>
    public async Task<(long Admitted, long Refused)> StopAsync(TimeSpan within)
    {
        _process.StandardInput.Close();
        return await _done.Task.WaitAsync(within);
    }

    public ValueTask DisposeAsync() => BenchmarkChild.KillAsync(_process);

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
}
