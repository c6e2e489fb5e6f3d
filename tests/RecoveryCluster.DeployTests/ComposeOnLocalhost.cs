using System.Globalization;
using Npgsql;
using RecoveryCluster.Testing;

namespace RecoveryCluster.DeployTests;

/// <summary>
/// Turns the environment a compose service declares into the environment of a local process: service host names
/// become 127.0.0.1, each service's ports move to free loopback ports (containers may share a port, processes may
/// not), and the connection string points at the test's database. Nothing else is added or changed.
/// </summary>
internal sealed class ComposeOnLocalhost
{
    private const string Loopback = "127.0.0.1";
    private static readonly string[] PortSettings = ["RecoveryCluster__Silo__SiloPort", "RecoveryCluster__Silo__GatewayPort", "RecoveryCluster__Silo__HttpPort"];
    private readonly ComposeFile _compose;
    private readonly string _testDatabase;
    private readonly Dictionary<(string Service, int Port), int> _ports = [];

    public ComposeOnLocalhost(ComposeFile compose, string testDatabase)
    {
        _compose = compose;
        _testDatabase = testDatabase;
        foreach (var silo in compose.Silos)
        {
            var free = FreePorts.Take(PortSettings.Length);
            for (var i = 0; i < PortSettings.Length; i++)
            {
                var declared = int.Parse(Required(silo, PortSettings[i]), CultureInfo.InvariantCulture);
                _ports[(silo.Name, declared)] = free[i];
            }
        }
    }

    /// <summary>The loopback port standing in for a port of a service.</summary>
    public int PortOf(string service, int declaredPort) =>
        _ports.TryGetValue((service, declaredPort), out var port)
            ? port
            : throw new Xunit.Sdk.XunitException($"docker-compose.yml: service '{service}' declares no port {declaredPort}.");

    public int HttpPortOf(ComposeService silo) =>
        PortOf(silo.Name, int.Parse(Required(silo, "RecoveryCluster__Silo__HttpPort"), CultureInfo.InvariantCulture));

    public int SiloPortOf(ComposeService silo) =>
        PortOf(silo.Name, int.Parse(Required(silo, "RecoveryCluster__Silo__SiloPort"), CultureInfo.InvariantCulture));

    public Dictionary<string, string> SiloEnvironment(ComposeService silo)
    {
        var environment = new Dictionary<string, string>(silo.Environment, StringComparer.Ordinal);
        foreach (var setting in PortSettings)
        {
            environment[setting] = PortText(PortOf(silo.Name, int.Parse(environment[setting], CultureInfo.InvariantCulture)));
        }

        environment["RecoveryCluster__Silo__AdvertisedAddress"] = Host(Required(silo, "RecoveryCluster__Silo__AdvertisedAddress"));
        environment["ConnectionStrings__RecoveryCluster"] = TestConnection(Required(silo, "ConnectionStrings__RecoveryCluster"));
        return environment;
    }

    public Dictionary<string, string> WorkerEnvironment(ComposeService worker)
    {
        var environment = new Dictionary<string, string>(worker.Environment, StringComparer.Ordinal);
        foreach (var key in environment.Keys.Where(k => k.StartsWith("RecoveryCluster__Client__Gateways__", StringComparison.Ordinal)).ToList())
        {
            var (host, port) = Split(environment[key]);
            environment[key] = $"{Host(host)}:{PortOf(host, port)}";
        }

        return environment;
    }

    private static string PortText(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static (string Host, int Port) Split(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        Assert.True(colon > 0, $"'{endpoint}' is not host:port.");
        return (endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static string Required(ComposeService service, string key) =>
        service.Environment.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new Xunit.Sdk.XunitException($"docker-compose.yml: service '{service.Name}' does not set {key}.");

    /// <summary>A compose service name becomes loopback; anything else would not resolve inside the compose network either.</summary>
    private string Host(string host)
    {
        Assert.True(_compose.Services.ContainsKey(host), $"'{host}' is not a service of docker-compose.yml.");
        return Loopback;
    }

    private string TestConnection(string declared)
    {
        var host = new NpgsqlConnectionStringBuilder(declared).Host ?? "";
        Host(host);
        return _testDatabase;
    }
}
