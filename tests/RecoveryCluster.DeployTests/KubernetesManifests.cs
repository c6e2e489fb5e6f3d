using RecoveryCluster.Testing;
using YamlDotNet.RepresentationModel;

namespace RecoveryCluster.DeployTests;

/// <summary>Every document of the files deploy/kubernetes/kustomization.yaml lists, as kubectl apply -k would send them.</summary>
internal sealed class KubernetesManifests
{
    private KubernetesManifests(IReadOnlyList<YamlMappingNode> documents, YamlMappingNode kustomization)
    {
        Documents = documents;
        Kustomization = kustomization;
    }

    public static string Folder => Path.Combine(Repository.Root, "deploy", "kubernetes");

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public YamlMappingNode Kustomization { get; }

    public static KubernetesManifests Load()
    {
        var kustomization = ReadAll(Path.Combine(Folder, "kustomization.yaml")).Single();
        var documents = kustomization.Seq("resources").Children.Cast<YamlScalarNode>()
            .SelectMany(resource => ReadAll(Path.Combine(Folder, resource.Value!)))
            .ToList();
        return new KubernetesManifests(documents, kustomization);
    }

    public YamlMappingNode Single(string kind, string component) =>
        Assert.Single(Documents, d => d.Text("kind") == kind && d.At("metadata").Map("labels").TextOrNull("app.kubernetes.io/component") == component);

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Documents.Where(d => d.Text("kind") == kind);

    private static IEnumerable<YamlMappingNode> ReadAll(string path)
    {
        Assert.True(File.Exists(path), $"{path} is listed but missing.");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode));
    }
}
