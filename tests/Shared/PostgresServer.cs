using System.Diagnostics;
using Npgsql;

namespace RecoveryCluster.Testing;

/// <summary>
/// A real PostgreSQL server: the one <c>./test.sh</c> started or was given (RC_TEST_POSTGRES), or the local one this
/// class starts through deploy/local/postgres.sh. <see cref="StartPrivateAsync"/> starts an independent server a
/// test may stop and restart.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _dataDirectory;
    private readonly int _port;

    private PostgresServer(string adminConnectionString, string? dataDirectory, int port)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _port = port;
    }

    /// <summary>Connection string to the server's <c>postgres</c> database, with rights to create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server named by RC_TEST_POSTGRES, else the local one (see <see cref="LocalAsync"/>).</summary>
    public static Task<PostgresServer> SharedAsync() =>
        Environment.GetEnvironmentVariable("RC_TEST_POSTGRES") is { Length: > 0 } configured
            ? Task.FromResult(new PostgresServer(configured, null, new NpgsqlConnectionStringBuilder(configured).Port))
            : LocalAsync();

    /// <summary>The local throwaway server of deploy/local/postgres.sh, started unless it runs already.</summary>
    public static async Task<PostgresServer> LocalAsync()
    {
        await RunScriptAsync("start", null, null);
        var url = await RunScriptAsync("url", null, null);
        return new PostgresServer(url, null, new NpgsqlConnectionStringBuilder(url).Port);
    }

    /// <summary>A server of its own (own data folder and port), for tests that stop and restart it.</summary>
    public static async Task<PostgresServer> StartPrivateAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), $"rc-pg-{Guid.NewGuid():N}", "data");
        var port = FreePorts.Take(1)[0];
        await RunScriptAsync("start", data, port);
        return new PostgresServer(await RunScriptAsync("url", data, port), data, port);
    }

    /// <summary>A fresh, empty database on this server (named <paramref name="name"/> or at random); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"rc_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public Task StopAsync() => RunScriptAsync("stop", RequirePrivate(), _port);

    public Task StartAsync() => RunScriptAsync("start", RequirePrivate(), _port);

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is not null)
        {
            await RunScriptAsync("stop", _dataDirectory, _port);
            Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        }
    }

    private string RequirePrivate() =>
        _dataDirectory ?? throw new InvalidOperationException("Only a private server may be stopped and started by a test.");

    private static async Task<string> RunScriptAsync(string verb, string? dataDirectory, int? port)
    {
        var start = new ProcessStartInfo("bash", $"\"{Repository.PostgresScript}\" {verb}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dataDirectory is not null)
        {
            start.Environment["RC_PG_DATA"] = dataDirectory;
        }

        if (port is { } p)
        {
            start.Environment["RC_PG_PORT"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {verb} failed ({process.ExitCode}): {await error}");
        }

        return (await output).Trim();
    }
}
