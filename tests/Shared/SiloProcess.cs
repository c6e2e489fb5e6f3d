using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RecoveryCluster.Testing;

/// <summary>A silo as its own operating-system process on free loopback ports, as `dotnet run --project Silo` starts it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort, string clusterId)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        ClusterId = clusterId;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string ClusterId { get; }

    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    public bool HasExited => _process.HasExited;

    /// <summary>The silo's resident memory now, in MiB (Linux: VmRSS of /proc/PID/status).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The last lines the silo wrote, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>
    /// Starts the process; it is not yet ready (see <see cref="WaitReadyAsync"/>). An empty connection string starts a
    /// dev silo (in memory), null leaves the setting to the environment; <paramref name="gatewayPort"/> fixes the
    /// gateway's port (a silo restarted where workers expect it); every silo after a cluster's first joins through the
    /// first one's <paramref name="primarySiloPort"/>.
    /// </summary>
    public static SiloProcess Start(
        string? connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null, int? gatewayPort = null, int? primarySiloPort = null)
    {
        if (!File.Exists(Repository.SiloAssembly))
        {
            throw new FileNotFoundException($"The silo is not built (dotnet build Silo -c {Repository.Configuration}): {Repository.SiloAssembly}");
        }

        var ports = FreePorts.Take(3);
        ports[1] = gatewayPort ?? ports[1];
        var start = new ProcessStartInfo("dotnet", $"\"{Repository.SiloAssembly}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__RecoveryCluster"] = connectionString;
        }

        start.Environment["RecoveryCluster__Silo__ClusterId"] = clusterId;
        start.Environment["RecoveryCluster__Silo__SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture);
        start.Environment["RecoveryCluster__Silo__GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        start.Environment["RecoveryCluster__Silo__HttpPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        if (primarySiloPort is { } primary)
        {
            start.Environment["RecoveryCluster__Silo__PrimarySiloPort"] = primary.ToString(CultureInfo.InvariantCulture);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__RecoveryCluster"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        var silo = new SiloProcess(process, ports[0], ports[1], ports[2], clusterId);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Starts a silo and waits up to 60 s until it is ready.</summary>
    public static async Task<SiloProcess> StartReadyAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = Start(connectionString, clusterId, settings);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>A ready dev silo of a cluster of its own, or a durable one on <paramref name="connectionString"/>'s database.</summary>
    public static Task<SiloProcess> StartAsync(TimeSpan readyWithin, string? connectionString = null) =>
        StartAsync(readyWithin, $"bench-{Guid.NewGuid():N}", primarySiloPort: null, connectionString);

    /// <summary>
    /// A ready silo of cluster <paramref name="clusterId"/> that logs warnings only, for the benchmarks; every silo after
    /// the first joins through the first one's silo port.
    /// </summary>
    /// <param name="connectionString">A PostgreSQL database for a durable silo; null for the in-memory dev silo.</param>
    public static async Task<SiloProcess> StartAsync(TimeSpan readyWithin, string clusterId, int? primarySiloPort, string? connectionString = null)
    {
        // Measured silos log no more than warnings: information lines would cost the figures.
        var silo = Start(connectionString, clusterId, new Dictionary<string, string> { ["Logging__LogLevel__RecoveryCluster"] = "Warning" }, primarySiloPort: primarySiloPort);
        try
        {
            await silo.WaitReadyAsync(readyWithin);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.SucceedsAsync(async () =>
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
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
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
