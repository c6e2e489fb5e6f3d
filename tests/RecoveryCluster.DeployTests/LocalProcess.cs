using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecoveryCluster.DeployTests;

/// <summary>A built program (silo or worker) run as its own process with exactly the environment it is given.</summary>
internal sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(30));

    public static LocalProcess Start(string name, string assembly, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{name}: the program is not built: {assembly}");
        }

        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Nothing inherited may stand in for a setting the compose file should have declared.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RecoveryCluster__", StringComparison.Ordinal)
            || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("Worker__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: the process did not start.");
        var local = new LocalProcess(name, process);
        process.OutputDataReceived += (_, e) => local.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => local.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return local;
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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
