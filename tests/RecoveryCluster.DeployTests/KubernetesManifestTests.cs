using System.Globalization;
using Microsoft.Extensions.Hosting;
using RecoveryCluster.Testing;
using YamlDotNet.RepresentationModel;

namespace RecoveryCluster.DeployTests;

/// <summary>deploy/kubernetes: the fields the silo and the worker rely on, read from the manifests kustomize applies.</summary>
public sealed class KubernetesManifestTests
{
    private readonly KubernetesManifests _manifests = KubernetesManifests.Load();

    private YamlMappingNode Silos => _manifests.Single("StatefulSet", "silo");

    private PodContainer Silo => new(Silos);

    [Fact]
    public void Every_listed_document_names_its_api_version_kind_and_name()
    {
        Assert.NotEmpty(_manifests.Documents);
        foreach (var document in _manifests.Documents)
        {
            Assert.False(string.IsNullOrEmpty(document.Text("apiVersion")));
            Assert.False(string.IsNullOrEmpty(document.At("metadata").Text("name")), $"A {document.Text("kind")} has no name.");
        }

        Assert.Equal(
            ["Deployment", "Namespace", "NetworkPolicy", "PodDisruptionBudget", "Service", "StatefulSet"],
            _manifests.Documents.Select(d => d.Text("kind")).Distinct().Order());
    }

    [Fact]
    public void Silo_pods_advertise_their_pod_ip_and_take_the_pod_name_as_silo_name()
    {
        Assert.Equal("status.podIP", Silo.FieldOf("POD_IP"));
        Assert.Equal("metadata.name", Silo.FieldOf("POD_NAME"));
        Assert.Equal("$(POD_IP)", Silo.Value("RecoveryCluster__Silo__AdvertisedAddress"));
        Assert.Equal("$(POD_NAME)", Silo.Value("RecoveryCluster__Silo__SiloName"));

        // Kubernetes expands $(VAR) only from variables declared earlier in the list.
        Assert.True(Silo.IndexOf("POD_IP") < Silo.IndexOf("RecoveryCluster__Silo__AdvertisedAddress"));
        Assert.True(Silo.IndexOf("POD_NAME") < Silo.IndexOf("RecoveryCluster__Silo__SiloName"));
        Assert.Equal("true", Silo.Value("RecoveryCluster__Silo__ListenOnAnyAddress"));
        Assert.Equal("0.0.0.0", Silo.Value("RecoveryCluster__Silo__HttpAddress"));
    }

    [Fact]
    public void Silo_pods_read_the_connection_string_and_a_key_per_role_from_the_secret_the_readme_tells_to_create()
    {
        var connection = Silo.SecretOf("ConnectionStrings__RecoveryCluster");
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains($"create secret generic {connection.Secret}", readme, StringComparison.Ordinal);
        Assert.Contains($"--from-literal={connection.Key}=", readme, StringComparison.Ordinal);

        string[] roles = ["reader", "reporter", "operator"];
        var secretKeys = new List<string>();
        for (var i = 0; i < roles.Length; i++)
        {
            Assert.Equal(roles[i], Silo.Value($"RecoveryCluster__Security__Keys__{i}__Role"));
            Assert.False(string.IsNullOrWhiteSpace(Silo.Value($"RecoveryCluster__Security__Keys__{i}__Name")));
            var key = Silo.SecretOf($"RecoveryCluster__Security__Keys__{i}__Key");
            Assert.Equal(connection.Secret, key.Secret);
            Assert.Contains($"--from-literal={key.Key}=", readme, StringComparison.Ordinal);
            secretKeys.Add(key.Key);
        }

        Assert.Equal(roles.Length + 1, secretKeys.Append(connection.Key).Distinct().Count());
        Assert.DoesNotContain(Silo.Environment, e => e.Text("name") == "RecoveryCluster__Security__ApiKey");
    }

    [Fact]
    public void The_network_policy_admits_the_gateway_only_to_labelled_clients_and_silos_and_the_silo_port_only_to_silos()
    {
        var policy = Assert.Single(_manifests.OfKind("NetworkPolicy"));
        var siloLabels = Labels(Silos.At("spec.template.metadata.labels"));
        var workerLabels = Labels(_manifests.Single("Deployment", "worker").At("spec.template.metadata.labels"));
        Assert.Equal(siloLabels, Labels(policy.At("spec.podSelector.matchLabels")));
        Assert.Equal(["Ingress"], policy.At("spec").Seq("policyTypes").Children.Select(c => c.ToString()));

        var rules = policy.At("spec").Seq("ingress").Mappings().ToList();
        int[] Ports(YamlMappingNode rule) => [.. rule.Seq("ports").Mappings().Select(p => int.Parse(p.Text("port"), CultureInfo.InvariantCulture))];
        List<Dictionary<string, string>> Sources(YamlMappingNode rule) =>
            rule.Has("from") ? [.. rule.Seq("from").Mappings().Select(f => Labels(f.At("podSelector.matchLabels")))] : [];
        bool Admits(YamlMappingNode rule, Dictionary<string, string> pod) =>
            Sources(rule).Any(selector => selector.All(l => pod.GetValueOrDefault(l.Key) == l.Value));

        // A rule without "from" admits everyone: only HTTP may be in one.
        Assert.All(rules.Where(r => !r.Has("from")), r => Assert.Equal([Silo.Port("http")], Ports(r)));
        var gateway = Silo.Port("gateway");
        var silo = Silo.Port("silo");
        Assert.Contains(rules, r => Ports(r).Contains(gateway) && Admits(r, workerLabels));
        Assert.Contains(rules, r => Ports(r).Contains(silo) && Admits(r, siloLabels));
        Assert.DoesNotContain(rules, r => Ports(r).Contains(silo) && Admits(r, workerLabels));
        Assert.All(rules.Where(r => r.Has("from")), r => Assert.All(Sources(r), selector => Assert.NotEmpty(selector)));
        Assert.False(Admits(rules.First(r => Ports(r).Contains(gateway) && Admits(r, workerLabels)), new Dictionary<string, string> { ["app"] = "other" }));
    }

    [Fact]
    public void Silo_container_ports_are_the_ports_the_silo_is_configured_with()
    {
        Assert.Equal(11111, Silo.Port("silo"));
        Assert.Equal(30000, Silo.Port("gateway"));
        Assert.Equal(8080, Silo.Port("http"));
        Assert.Equal(Silo.Port("silo").ToString(CultureInfo.InvariantCulture), Silo.Value("RecoveryCluster__Silo__SiloPort"));
        Assert.Equal(Silo.Port("gateway").ToString(CultureInfo.InvariantCulture), Silo.Value("RecoveryCluster__Silo__GatewayPort"));
        Assert.Equal(Silo.Port("http").ToString(CultureInfo.InvariantCulture), Silo.Value("RecoveryCluster__Silo__HttpPort"));
    }

    [Fact]
    public void Readiness_asks_readyz_and_liveness_asks_healthz_on_the_http_port()
    {
        var container = Silo.Node;
        Assert.Equal("/readyz", container.At("readinessProbe.httpGet").Text("path"));
        Assert.Equal("/healthz", container.At("livenessProbe.httpGet").Text("path"));
        Assert.Equal("http", container.At("readinessProbe.httpGet").Text("port"));
        Assert.Equal("http", container.At("livenessProbe.httpGet").Text("port"));
    }

    [Fact]
    public void Silos_get_longer_to_stop_than_the_host_shutdown_timeout()
    {
        var grace = TimeSpan.FromSeconds(int.Parse(Silo.PodSpec.Text("terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var shutdown = new HostOptions().ShutdownTimeout;
        Assert.True(grace > shutdown, $"terminationGracePeriodSeconds {grace.TotalSeconds} is not above the host's shutdown timeout {shutdown.TotalSeconds} s.");
        Assert.DoesNotContain(Silo.Environment, e => e.Text("name").Contains("shutdownTimeout", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_disruption_budget_selects_the_silo_pods_and_keeps_a_majority()
    {
        var budget = Assert.Single(_manifests.OfKind("PodDisruptionBudget"));
        var podLabels = Labels(Silos.At("spec.template.metadata.labels"));
        var selector = Labels(budget.At("spec.selector.matchLabels"));
        Assert.NotEmpty(selector);
        Assert.All(selector, label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
        var replicas = int.Parse(Silos.At("spec").Text("replicas"), CultureInfo.InvariantCulture);
        var minAvailable = int.Parse(budget.At("spec").Text("minAvailable"), CultureInfo.InvariantCulture);
        Assert.True(minAvailable > replicas / 2 && minAvailable < replicas, $"minAvailable {minAvailable} of {replicas} silos.");
    }

    [Fact]
    public void The_worker_is_a_deployment_whose_gateways_are_the_silo_pods_through_the_headless_service()
    {
        var worker = new PodContainer(_manifests.Single("Deployment", "worker"));
        var service = Assert.Single(_manifests.OfKind("Service"), s => s.At("metadata").Text("name") == Silos.At("spec").Text("serviceName"));
        Assert.Equal("None", service.At("spec").Text("clusterIP"));
        var podLabels = Labels(Silos.At("spec.template.metadata.labels"));
        Assert.All(Labels(service.At("spec.selector")), label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));

        var replicas = int.Parse(Silos.At("spec").Text("replicas"), CultureInfo.InvariantCulture);
        var statefulSet = Silos.At("metadata").Text("name");
        var serviceName = service.At("metadata").Text("name");
        var expected = Enumerable.Range(0, replicas).Select(i => $"{statefulSet}-{i}.{serviceName}:{Silo.Port("gateway")}").ToList();
        var gateways = worker.Environment.Where(e => e.Text("name").StartsWith("RecoveryCluster__Client__Gateways__", StringComparison.Ordinal)).Select(e => e.Text("value")).ToList();
        Assert.Equal(expected, gateways);
        Assert.Equal("0", worker.Value("Worker__Operations"));
        Assert.Equal("metadata.name", worker.FieldOf("POD_NAME"));
        Assert.Equal("$(POD_NAME)", worker.Value("RecoveryCluster__Client__WorkerId"));
    }

    [Fact]
    public void Silo_and_worker_agree_on_the_cluster_and_service_ids()
    {
        var worker = new PodContainer(_manifests.Single("Deployment", "worker"));
        Assert.Equal(Silo.Value("RecoveryCluster__Silo__ClusterId"), worker.Value("RecoveryCluster__Client__ClusterId"));
        Assert.Equal(Silo.Value("RecoveryCluster__Silo__ServiceId"), worker.Value("RecoveryCluster__Client__ServiceId"));
    }

    private static Dictionary<string, string> Labels(YamlMappingNode labels) =>
        labels.Children.ToDictionary(l => ((YamlScalarNode)l.Key).Value!, l => ((YamlScalarNode)l.Value).Value!);
}
