using System.Diagnostics;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks.EndToEnd;

/// <summary>A dev silo in its own process on free loopback ports, as `dotnet run --project Silo` starts it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

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

    /// <summary>The silo's resident memory now, in MiB (Linux: VmRSS of /proc/PID/status).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>A dev silo of a cluster of its own, or a durable one on <paramref name="connectionString"/>'s database.</summary>
    public static Task<SiloProcess> StartAsync(TimeSpan readyWithin, string? connectionString = null) =>
        StartAsync(readyWithin, $"bench-{Guid.NewGuid():N}", primarySiloPort: null, connectionString);

    /// <summary>A silo of cluster <paramref name="clusterId"/>; every silo after the first joins through the first one's silo port.</summary>
    /// <param name="connectionString">A PostgreSQL database for a durable silo; null for the in-memory dev silo.</param>
    public static async Task<SiloProcess> StartAsync(TimeSpan readyWithin, string clusterId, int? primarySiloPort, string? connectionString = null)
    {
        var silo = Path.Combine(BenchmarkConfig.RepositoryRoot, "Silo", "bin", BuildConfiguration(), "net10.0", "RecoveryCluster.Silo.dll");
        if (!File.Exists(silo))
        {
            throw new FileNotFoundException($"Build the silo first (dotnet build Silo -c {BuildConfiguration()}); not found: {silo}");
        }

        var ports = FreePorts.Take(3);
        var start = new ProcessStartInfo("dotnet", $"\"{silo}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["RecoveryCluster__Silo__SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RecoveryCluster__Silo__GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RecoveryCluster__Silo__HttpPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RecoveryCluster__Silo__ClusterId"] = clusterId,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        if (primarySiloPort is { } primary)
        {
            start.Environment["RecoveryCluster__Silo__PrimarySiloPort"] = primary.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__RecoveryCluster"] = connectionString;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var result = new SiloProcess(process, ports[0], ports[1], ports[2], clusterId);

        using var http = new HttpClient();
        var deadline = TimeProvider.System.GetTimestamp() + (long)(readyWithin.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo process exited with code {process.ExitCode} during start-up.");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{ports[2]}/readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return result;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await result.DisposeAsync();
        throw new TimeoutException($"The silo was not ready within {readyWithin.TotalSeconds} s.");
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

    internal static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
}
