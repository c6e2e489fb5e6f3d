using YamlDotNet.RepresentationModel;

namespace RecoveryCluster.DeployTests;

/// <summary>The one container of a workload's pod template, with its environment in declaration order.</summary>
internal sealed class PodContainer(YamlMappingNode workload)
{
    public YamlMappingNode PodSpec { get; } = workload.At("spec.template.spec");

    public YamlMappingNode Node => Assert.Single(PodSpec.Seq("containers").Mappings());

    public IReadOnlyList<YamlMappingNode> Environment => [.. Node.Seq("env").Mappings()];

    public YamlMappingNode Variable(string name) =>
        Assert.Single(Environment, e => e.Text("name") == name);

    public string Value(string name) => Variable(name).Text("value");

    public int IndexOf(string name) => Environment.ToList().FindIndex(e => e.Text("name") == name);

    public int Port(string name) =>
        int.Parse(Assert.Single(Node.Seq("ports").Mappings(), p => p.Text("name") == name).Text("containerPort"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A variable from the downward API: the field it reads.</summary>
    public string FieldOf(string name) => Variable(name).At("valueFrom.fieldRef").Text("fieldPath");

    /// <summary>A variable from a Secret: (secret, key).</summary>
    public (string Secret, string Key) SecretOf(string name)
    {
        var reference = Variable(name).At("valueFrom.secretKeyRef");
        return (reference.Text("name"), reference.Text("key"));
    }
}
