using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RecoveryCluster.Testing;

namespace RecoveryCluster.DurableTests;

/// <summary>One durable silo as its own operating-system process, on free loopback ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the silo wrote, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>
    /// Starts the process; it is not yet ready (see <see cref="WaitReadyAsync"/>). An empty connection string starts a
    /// dev silo (in memory); <paramref name="gatewayPort"/> fixes the gateway's port (a silo restarted where workers expect it).
    /// </summary>
    public static SiloProcess Start(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null, int? gatewayPort = null)
    {
        if (!File.Exists(Repository.SiloAssembly))
        {
            throw new FileNotFoundException($"The silo is not built: {Repository.SiloAssembly}");
        }

        var ports = FreePorts.Take(3);
        ports[1] = gatewayPort ?? ports[1];
        var start = new ProcessStartInfo("dotnet", $"\"{Repository.SiloAssembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__RecoveryCluster"] = connectionString;
        start.Environment["RecoveryCluster__Silo__ClusterId"] = clusterId;
        start.Environment["RecoveryCluster__Silo__SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture);
        start.Environment["RecoveryCluster__Silo__GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        start.Environment["RecoveryCluster__Silo__HttpPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__RecoveryCluster"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        var silo = new SiloProcess(process, ports[0], ports[1], ports[2]);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public static async Task<SiloProcess> StartReadyAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = Start(connectionString, clusterId, settings);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Deadline.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The silo exited with code {_process.ExitCode} during start-up:{Environment.NewLine}{Tail}");
            }

            using var ready = await http.GetAsync(new Uri(Http, "readyz"));
            return ready.IsSuccessStatusCode;
        }, within, $"Silo on port {SiloPort} ready");
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM and wait: the host's graceful shutdown (grains deactivate and write their state).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start("kill", $"-TERM {_process.Id}"))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new Xunit.Sdk.XunitException($"The silo did not stop within 30 s of SIGTERM:{Environment.NewLine}{Tail}");
        }
    }

    /// <summary>Waits for the process to end by itself (a refused start).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        await Task.Yield();
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
