using System.Net.Http.Json;
using System.Text.Json;
using RecoveryCluster.Testing;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>Several dev silo processes joined through the first one's silo port (localhost clustering), as one cluster.</summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos;

    private LocalCluster(List<SiloProcess> silos) => _silos = silos;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public string ClusterId => _silos[0].ClusterId;

    public static async Task<LocalCluster> StartAsync(int siloCount, TimeSpan readyWithin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(siloCount, 1);
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        var cluster = new LocalCluster(silos);
        try
        {
            silos.Add(await SiloProcess.StartAsync(readyWithin, clusterId, primarySiloPort: null));
            var others = await Task.WhenAll(Enumerable.Range(1, siloCount - 1)
                .Select(_ => SiloProcess.StartAsync(readyWithin, clusterId, silos[0].SiloPort)));
            silos.AddRange(others);
            await cluster.WaitForActiveSilosAsync(readyWithin);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>Polls every silo's diagnostics until each lists all silos as Active.</summary>
    private async Task WaitForActiveSilosAsync(TimeSpan within)
    {
        // A silo still joining may hold a diagnostics call: ask again rather than wait it out.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeProvider.System.GetTimestamp() + (long)(within.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            var counts = await Task.WhenAll(_silos.Select(s => ActiveSilosAsync(http, s.HttpPort)));
            if (counts.All(c => c == _silos.Count))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The {_silos.Count} silos did not all see each other as Active within {within.TotalSeconds} s.");
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http, int httpPort)
    {
        try
        {
            using var diagnostics = await http.GetFromJsonAsync<JsonDocument>(new Uri($"http://127.0.0.1:{httpPort}/api/diagnostics"));
            return diagnostics!.RootElement.GetProperty("silos").EnumerateArray()
                .Count(s => s.GetProperty("status").GetString() == "Active");
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
