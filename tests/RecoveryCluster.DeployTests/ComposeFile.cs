using RecoveryCluster.Testing;
using YamlDotNet.RepresentationModel;

namespace RecoveryCluster.DeployTests;

/// <summary>docker-compose.yml at the repository root, read as compose reads it (variables take their defaults).</summary>
internal sealed class ComposeFile
{
    public const string SiloDockerfile = "deploy/docker/silo.Dockerfile";
    public const string WorkerDockerfile = "deploy/docker/worker.Dockerfile";

    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public static string Path => System.IO.Path.Combine(Repository.Root, "docker-compose.yml");

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The silo services, in file order.</summary>
    public IReadOnlyList<ComposeService> Silos => [.. Services.Values.Where(s => s.Dockerfile == SiloDockerfile)];

    public ComposeService Worker => Assert.Single(Services.Values, s => s.Dockerfile == WorkerDockerfile);

    public static ComposeFile Load()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var noVariables = new Dictionary<string, string>();
        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Map("services").Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var service = (YamlMappingNode)value;
            services[name] = new ComposeService(
                name,
                service.TextOrNull("image"),
                service.Has("build") ? service.Map("build").TextOrNull("dockerfile") : null,
                EnvironmentOf(service, noVariables),
                DependenciesOf(service),
                service.Has("ports") ? [.. service.Seq("ports").Children.Cast<YamlScalarNode>().Select(p => p.Value!)] : []);
        }

        return new ComposeFile(services);
    }

    private static Dictionary<string, string> EnvironmentOf(YamlMappingNode service, IReadOnlyDictionary<string, string> variables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!service.Has("environment"))
        {
            return environment;
        }

        foreach (var (key, value) in service.Map("environment").Children)
        {
            environment[((YamlScalarNode)key).Value!] = ComposeInterpolation.Resolve(((YamlScalarNode)value).Value ?? "", variables);
        }

        return environment;
    }

    private static List<string> DependenciesOf(YamlMappingNode service)
    {
        if (!service.Has("depends_on"))
        {
            return [];
        }

        return service.Children[new YamlScalarNode("depends_on")] switch
        {
            YamlMappingNode conditions => [.. conditions.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!)],
            YamlSequenceNode names => [.. names.Children.Cast<YamlScalarNode>().Select(k => k.Value!)],
            _ => [],
        };
    }
}
