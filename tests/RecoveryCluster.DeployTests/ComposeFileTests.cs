using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RecoveryCluster.Testing;

namespace RecoveryCluster.DeployTests;

/// <summary>docker-compose.yml as docker-compose reads it, and as the silo, the worker and ./run.sh --durable expect it.</summary>
public sealed partial class ComposeFileTests
{
    private const string DockerCompose = "/usr/bin/docker-compose";
    private static readonly TimeSpan CommandTime = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Docker_compose_config_accepts_the_file()
    {
        RequireDockerCompose();
        var (exitCode, output) = await CommandLine.RunAsync(DockerCompose, ["-f", ComposeFile.Path, "config", "-q"], Repository.Root, CommandTime);
        Assert.True(exitCode == 0, $"docker-compose config refused docker-compose.yml ({exitCode}): {output}");
    }

    [Fact]
    public async Task Docker_compose_config_refuses_a_copy_whose_worker_depends_on_a_missing_silo()
    {
        RequireDockerCompose();
        var original = await File.ReadAllTextAsync(ComposeFile.Path);
        var broken = original.Replace("      silo-3:\n        condition: service_healthy", "      silo-9:\n        condition: service_healthy", StringComparison.Ordinal);
        Assert.NotEqual(original, broken);
        var folder = Directory.CreateTempSubdirectory("rc-compose");
        try
        {
            var copy = Path.Combine(folder.FullName, "docker-compose.yml");
            await File.WriteAllTextAsync(copy, broken);
            var (exitCode, output) = await CommandLine.RunAsync(DockerCompose, ["-f", copy, "config", "-q"], folder.FullName, CommandTime);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("silo-9", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Silo_connection_strings_name_the_postgres_service_with_its_user_password_and_database()
    {
        var compose = ComposeFile.Load();
        var postgres = compose.Services["postgres"];
        Assert.StartsWith("postgres:", postgres.Image, StringComparison.Ordinal);
        Assert.NotEmpty(compose.Silos);
        foreach (var silo in compose.Silos)
        {
            var connection = new NpgsqlConnectionStringBuilder(silo.Environment["ConnectionStrings__RecoveryCluster"]);
            Assert.Equal("postgres", connection.Host);
            Assert.Equal(5432, connection.Port);
            Assert.Equal(postgres.Environment["POSTGRES_USER"], connection.Username);
            Assert.Equal(postgres.Environment["POSTGRES_PASSWORD"], connection.Password);
            Assert.Equal(postgres.Environment["POSTGRES_DB"], connection.Database);
            Assert.Contains("postgres", silo.DependsOn);
        }
    }

    [Fact]
    public void Each_silo_advertises_its_own_service_name_listens_beyond_loopback_with_an_api_key_and_only_one_publishes_http()
    {
        var compose = ComposeFile.Load();
        Assert.Equal(3, compose.Silos.Count);
        foreach (var silo in compose.Silos)
        {
            Assert.Equal(silo.Name, silo.Environment["RecoveryCluster__Silo__AdvertisedAddress"]);
            Assert.Equal(silo.Name, silo.Environment["RecoveryCluster__Silo__SiloName"]);
            Assert.Equal("true", silo.Environment["RecoveryCluster__Silo__ListenOnAnyAddress"]);
            Assert.Equal("0.0.0.0", silo.Environment["RecoveryCluster__Silo__HttpAddress"]);
            string[] roles = ["reader", "reporter", "operator"];
            for (var i = 0; i < roles.Length; i++)
            {
                Assert.Equal(roles[i], silo.Environment[$"RecoveryCluster__Security__Keys__{i}__Role"]);
                Assert.False(string.IsNullOrWhiteSpace(silo.Environment[$"RecoveryCluster__Security__Keys__{i}__Key"]), $"{silo.Name} has no {roles[i]} key.");
            }

            Assert.Equal(roles.Length, roles.Select((_, i) => silo.Environment[$"RecoveryCluster__Security__Keys__{i}__Key"]).Distinct().Count());
        }

        var published = Assert.Single(compose.Silos, s => s.Ports.Count > 0);
        Assert.Equal($"8080:{published.Environment["RecoveryCluster__Silo__HttpPort"]}", Assert.Single(published.Ports));
        Assert.Single(compose.Silos.Select(s => string.Join(",", s.Environment.Where(e => e.Key.StartsWith("RecoveryCluster__Security__", StringComparison.Ordinal)).Select(e => $"{e.Key}={e.Value}").Order())).Distinct());
    }

    [Fact]
    public void No_service_publishes_a_silo_port_or_an_orleans_gateway()
    {
        var compose = ComposeFile.Load();
        var internalPorts = compose.Silos.SelectMany(s => new[] { s.Environment["RecoveryCluster__Silo__SiloPort"], s.Environment["RecoveryCluster__Silo__GatewayPort"] }).ToHashSet();
        Assert.Equal(["11111", "30000"], internalPorts.Order());
        foreach (var service in compose.Services.Values)
        {
            // "host:container", "container" or "ip:host:container": the container port is the last part.
            Assert.All(service.Ports, p => Assert.DoesNotContain(p.Split(':')[^1].Split('/')[0], internalPorts));
        }
    }

    [Fact]
    public void The_worker_runs_until_stopped_and_names_every_silo_gateway_after_the_silos_are_healthy()
    {
        var compose = ComposeFile.Load();
        var worker = compose.Worker;
        Assert.Equal("0", worker.Environment["Worker__Operations"]);
        var gateways = worker.Environment.Where(e => e.Key.StartsWith("RecoveryCluster__Client__Gateways__", StringComparison.Ordinal)).Select(e => e.Value).Order().ToList();
        var expected = compose.Silos.Select(s => $"{s.Name}:{s.Environment["RecoveryCluster__Silo__GatewayPort"]}").Order().ToList();
        Assert.Equal(expected, gateways);
        Assert.Equal(compose.Silos.Select(s => s.Name).Order(), worker.DependsOn.Order());
    }

    [Fact]
    public void Run_sh_durable_sets_no_silo_or_worker_variable_that_the_compose_services_leave_out()
    {
        var compose = ComposeFile.Load();
        var script = File.ReadAllText(Path.Combine(Repository.Root, "run.sh"));
        var names = SettingName().Matches(script).Select(m => m.Value).Distinct().ToList();
        Assert.Contains("ConnectionStrings__RecoveryCluster", names);
        foreach (var name in names)
        {
            var declared = name.StartsWith("RecoveryCluster__Client__", StringComparison.Ordinal)
                ? compose.Worker.Environment.Keys
                : compose.Silos[0].Environment.Keys;
            Assert.True(declared.Any(key => key.StartsWith(name, StringComparison.Ordinal)), $"run.sh sets {name}; docker-compose.yml does not.");
        }
    }

    [Fact]
    public void Compose_gives_the_silos_longer_to_stop_than_the_host_shutdown_timeout()
    {
        var shutdown = new HostOptions().ShutdownTimeout;
        var text = File.ReadAllText(ComposeFile.Path);
        var periods = GracePeriod().Matches(text).Select(m => TimeSpan.FromSeconds(int.Parse(m.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(ComposeFile.Load().Silos.Count, periods.Count);
        Assert.All(periods, period => Assert.True(period > shutdown, $"stop_grace_period {period} is not above the host's shutdown timeout {shutdown}."));
    }

    private static void RequireDockerCompose() =>
        Assert.True(File.Exists(DockerCompose), $"{DockerCompose} is needed: run ./test.sh (it installs it) or apt-get install docker-compose.");

    // run.sh writes the variable names out, and sometimes a trailing index: Gateways__$n.
    [GeneratedRegex(@"(RecoveryCluster|ConnectionStrings)__[A-Za-z]+(__[A-Za-z]+)*")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"stop_grace_period:\s*(?<seconds>\d+)s")]
    private static partial Regex GracePeriod();
}
