using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RecoveryCluster.DurableTests;

/// <summary>The demo worker as its own process, pointed at one gateway port, stopped with Ctrl+C (SIGINT).</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process) => _process = process;

    public string Output => string.Join(Environment.NewLine, _output);

    public static WorkerProcess Start(string clusterId, int gatewayPort)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Repository.WorkerAssembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RecoveryCluster__Client__Gateways__0"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{gatewayPort}");
        start.Environment["RecoveryCluster__Client__ClusterId"] = clusterId;
        start.Environment["RecoveryCluster__Client__ConnectMaxDelay"] = "00:00:02";
        start.Environment["Worker__ProgressInterval"] = "00:00:01";
        start.Environment["Logging__LogLevel__RecoveryCluster"] = "Information";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public bool Printed(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Ctrl+C, then the exit code (the process must end within 30 s).</summary>
    public async Task<int> InterruptAsync()
    {
        using (var signal = Process.Start("kill", $"-INT {_process.Id}"))
        {
            await signal!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
