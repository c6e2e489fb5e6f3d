namespace RecoveryCluster.Testing;

/// <summary>Paths of the repository the tests and benchmarks run in, found from their build output.</summary>
public static class Repository
{
    /// <summary>The folder holding RecoveryCluster.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this was built in, so the silo a test starts is the one just built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public static string SiloAssembly => Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "RecoveryCluster.Silo.dll");

    public static string WorkerAssembly => Path.Combine(Root, "samples", "Worker", "bin", Configuration, "net10.0", "RecoveryCluster.Worker.dll");

    public static string PostgresScript => Path.Combine(Root, "deploy", "local", "postgres.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoveryCluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RecoveryCluster.sln above {AppContext.BaseDirectory}.");
    }
}
