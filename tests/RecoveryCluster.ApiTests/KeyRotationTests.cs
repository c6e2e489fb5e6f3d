using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace RecoveryCluster.ApiTests;

/// <summary>Rotation: two keys valid for one name at once, both recorded under that name; removing the old one refuses it.</summary>
public sealed class KeyRotationTests(KeyRotationTests.RotatingHost host) : IClassFixture<KeyRotationTests.RotatingHost>
{
    private const string OldKey = "ci-ops-old-6d0f3a9e21";
    private const string NewKey = "ci-ops-new-b47c1e8d55";
    private const string HashedKey = "hashed-worker-key-2f9a";

    [Fact]
    public async Task Both_keys_of_a_rotation_open_the_operator_routes_under_one_name()
    {
        foreach (var key in new[] { OldKey, NewKey })
        {
            using var client = host.ClientWith(key);
            var component = Http.NewComponent("rotation");
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/circuits/{component}/isolate", new { reason = "rotation" })).Status);
            var (status, body) = await client.GetJsonAsync("/api/audit?limit=1");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ci-ops", body![0]!["keyName"]!.GetValue<string>());
            Assert.Equal(component, body[0]!["target"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_key_configured_by_its_hash_is_accepted_with_its_role()
    {
        using var client = host.ClientWith(HashedKey);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/errors", Http.Report(Http.NewComponent("hashed")))).Status);
        Http.AssertProblem(HttpStatusCode.Forbidden, await client.GetJsonAsync("/api/audit"));
    }

    [Fact]
    public async Task Once_the_old_key_is_removed_it_is_refused_and_the_new_one_still_works()
    {
        await using var rotated = new RotatedHost();
        await rotated.InitializeAsync();
        using var old = rotated.ClientWith(OldKey);
        Http.AssertProblem(HttpStatusCode.Unauthorized, await old.GetJsonAsync("/api/status"));
        using var current = rotated.ClientWith(NewKey);
        Assert.Equal(HttpStatusCode.OK, (await current.GetJsonAsync("/api/audit")).Status);
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason()
    {
        var refusals = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "RecoveryCluster" && instrument.Name == "rc.api.refusals")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    refusals.AddOrUpdate(reason, value, (_, sum) => sum + value);
                }
            }
        });
        meter.Start();

        using var anonymous = host.ClientWith(null);
        using var unknown = host.ClientWith("not-a-key-at-all");
        using var reporter = host.ClientWith(HashedKey);
        Http.AssertProblem(HttpStatusCode.Unauthorized, await anonymous.GetJsonAsync("/api/status"));
        Http.AssertProblem(HttpStatusCode.Unauthorized, await unknown.GetJsonAsync("/api/status"));
        Http.AssertProblem(HttpStatusCode.Forbidden, await reporter.GetJsonAsync("/api/audit"));

        Assert.All(new[] { "missing-key", "unknown-key", "role-too-low" }, reason => Assert.True(refusals.GetValueOrDefault(reason) >= 1, $"no '{reason}' refusal counted"));
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Mid-rotation: old and new operator keys for "ci-ops", and a reporter key given only by its hash.</summary>
    public sealed class RotatingHost : KeyedFixture
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
        {
            ["RecoveryCluster:Security:Keys:0:Name"] = "ci-ops",
            ["RecoveryCluster:Security:Keys:0:Role"] = "operator",
            ["RecoveryCluster:Security:Keys:0:Key"] = OldKey,
            ["RecoveryCluster:Security:Keys:1:Name"] = "ci-ops",
            ["RecoveryCluster:Security:Keys:1:Role"] = "Operator",
            ["RecoveryCluster:Security:Keys:1:Key"] = NewKey,
            ["RecoveryCluster:Security:Keys:2:Name"] = "hashed-worker",
            ["RecoveryCluster:Security:Keys:2:Role"] = "reporter",
            ["RecoveryCluster:Security:Keys:2:KeyHash"] = "sha256:" + Sha256(HashedKey),
        };
    }

    /// <summary>After the rotation: only the new key is configured.</summary>
    public sealed class RotatedHost : KeyedFixture, IAsyncDisposable
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
        {
            ["RecoveryCluster:Security:Keys:0:Name"] = "ci-ops",
            ["RecoveryCluster:Security:Keys:0:Role"] = "operator",
            ["RecoveryCluster:Security:Keys:0:Key"] = NewKey,
        };

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
