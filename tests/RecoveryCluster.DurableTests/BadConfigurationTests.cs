using Npgsql;

namespace RecoveryCluster.DurableTests;

/// <summary>A durable silo with a wrong connection string stops at once with one sentence naming the setting.</summary>
[Collection(DurableCollection.Name)]
public sealed class BadConfigurationTests(SharedPostgres postgres)
{
    [Fact]
    public Task An_unreachable_server_stops_the_start_naming_the_setting() =>
        AssertRefusedAsync($"Host=127.0.0.1;Port={FreePorts.Take(1)[0]};Username=postgres;Password=x;Timeout=2", "cannot reach PostgreSQL");

    [Fact]
    public Task A_wrong_password_stops_the_start_naming_the_setting() =>
        AssertRefusedAsync(new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Password = "not-the-password" }.ConnectionString,
            "wrong user name or password");

    [Fact]
    public Task A_missing_database_stops_the_start_naming_the_setting() =>
        AssertRefusedAsync(new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Database = "no_such_database" }.ConnectionString,
            "'no_such_database' does not exist");

    [Fact]
    public Task A_malformed_connection_string_stops_the_start_naming_the_setting() =>
        AssertRefusedAsync("Host=127.0.0.1;Porty=nonsense", "is not a valid PostgreSQL connection string");

    private static async Task AssertRefusedAsync(string connectionString, string reason)
    {
        await using var silo = SiloProcess.Start(connectionString, $"bad-{Guid.NewGuid():N}", new Dictionary<string, string>
        {
            ["RecoveryCluster__Silo__StorageStartupWaitSeconds"] = "1",
        });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = silo.Tail.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var refusal = Assert.Single(lines, l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:RecoveryCluster", refusal, StringComparison.Ordinal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)); // no stack trace
        Assert.DoesNotContain("not-the-password", silo.Tail, StringComparison.Ordinal); // secrets are never printed
    }
}
