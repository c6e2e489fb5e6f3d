namespace RecoveryCluster.DurableTests;

/// <summary>Paths of the repository these tests run in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in, so the silo they start is the one just built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public static string SiloAssembly => Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "RecoveryCluster.Silo.dll");

    public static string WorkerAssembly => Path.Combine(Root, "Client", "Worker", "bin", Configuration, "net10.0", "RecoveryCluster.Worker.dll");

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
