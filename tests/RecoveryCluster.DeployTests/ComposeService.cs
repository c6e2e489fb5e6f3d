namespace RecoveryCluster.DeployTests;

/// <summary>One service of docker-compose.yml, with its environment already interpolated.</summary>
internal sealed record ComposeService(
    string Name,
    string? Image,
    string? Dockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Ports);
