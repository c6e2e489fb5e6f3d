using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>
/// A silo host whose keys and rules come from a configuration source the test changes while the host runs, and whose
/// log lines the test can read. Starts with the operator key <see cref="OldKey"/> of "ops" and one-reporter breakers.
/// </summary>
public sealed class ReloadingHost : KeyedFixture, IAsyncDisposable
{
    public const string OldKey = "ops-key-old-3e8a51c0d2";
    public const string NewKey = "ops-key-new-9f27b4e61a";
    public const string Keys = "RecoveryCluster:Security:Keys:";

    public ReloadableSettings Settings { get; } = new(new Dictionary<string, string?>
    {
        [Keys + "0:Name"] = "ops",
        [Keys + "0:Role"] = "operator",
        [Keys + "0:Key"] = OldKey,
        ["RecoveryCluster:CircuitBreaker:MinDistinctReporters"] = "1",
    });

    public CapturedLogs Logs { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IConfigurationBuilder)builder.Configuration).Add(Settings);
        builder.Logging.AddProvider(Logs);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
