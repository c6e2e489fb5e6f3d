using YamlDotNet.RepresentationModel;

namespace RecoveryCluster.DeployTests;

/// <summary>Reads a YAML tree by path and fails with the path that is missing, so a test names the field it wanted.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Child(key) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"'{key}' is not a mapping at {node.Start}.");

    public static YamlSequenceNode Seq(this YamlNode node, string key) =>
        node.Child(key) as YamlSequenceNode ?? throw new Xunit.Sdk.XunitException($"'{key}' is not a sequence at {node.Start}.");

    public static string Text(this YamlNode node, string key) =>
        (node.Child(key) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"'{key}' is not a scalar at {node.Start}.");

    public static string? TextOrNull(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    public static bool Has(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>A path such as <c>spec.template.spec</c> through mappings.</summary>
    public static YamlMappingNode At(this YamlNode node, string path) =>
        path.Split('.').Aggregate((YamlMappingNode)node, (current, key) => current.Map(key));

    public static IEnumerable<YamlMappingNode> Mappings(this YamlSequenceNode sequence) => sequence.Children.OfType<YamlMappingNode>();

    private static YamlNode Child(this YamlNode node, string key)
    {
        if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            throw new Xunit.Sdk.XunitException($"'{key}' is missing at {node.Start}.");
        }

        return child;
    }
}
