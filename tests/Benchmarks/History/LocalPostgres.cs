using System.Diagnostics;

namespace RecoveryCluster.Benchmarks.History;

/// <summary>The local throwaway server of deploy/local/postgres.sh: starts it (if needed) and returns its connection string.</summary>
public static class LocalPostgres
{
    public static async Task<string> StartAsync()
    {
        var script = Path.Combine(BenchmarkConfig.RepositoryRoot, "deploy", "local", "postgres.sh");
        await RunAsync(script, "start");
        return (await RunAsync(script, "url")).Trim();
    }

    /// <summary>A new, empty database on the local server; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var script = Path.Combine(BenchmarkConfig.RepositoryRoot, "deploy", "local", "postgres.sh");
        await RunAsync(script, "start");
        await RunAsync(script, $"createdb {name}");
        return (await RunAsync(script, $"url {name}")).Trim();
    }

    private static async Task<string> RunAsync(string script, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"\"{script}\" {verb}") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"postgres.sh {verb} failed with exit code {process.ExitCode}.");
    }
}
