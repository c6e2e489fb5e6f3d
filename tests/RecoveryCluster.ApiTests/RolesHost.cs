using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace RecoveryCluster.ApiTests;

/// <summary>A silo host with one named key per role, plus the single legacy key (an operator named <c>api-key</c>).</summary>
public sealed class RolesHost : KeyedFixture
{
    public const string ReaderKey = "reader-key-3b8e1f0a";
    public const string ReporterKey = "reporter-key-9c2d4e7b";
    public const string OperatorKey = "operator-key-5f1a6c2d";
    public const string LegacyKey = "legacy-key-0e9b7a3c";

    public static IReadOnlyDictionary<string, string?> KeySettings { get; } = new Dictionary<string, string?>
    {
        ["RecoveryCluster:Security:ApiKey"] = LegacyKey,
        ["RecoveryCluster:Security:Keys:0:Name"] = "dashboards",
        ["RecoveryCluster:Security:Keys:0:Role"] = "reader",
        ["RecoveryCluster:Security:Keys:0:Key"] = ReaderKey,
        ["RecoveryCluster:Security:Keys:1:Name"] = "workers",
        ["RecoveryCluster:Security:Keys:1:Role"] = "reporter",
        ["RecoveryCluster:Security:Keys:1:Key"] = ReporterKey,
        ["RecoveryCluster:Security:Keys:2:Name"] = "ops",
        ["RecoveryCluster:Security:Keys:2:Role"] = "operator",
        ["RecoveryCluster:Security:Keys:2:Key"] = OperatorKey,
    };

    /// <summary>Every configured key, for checks that none of them leaks.</summary>
    public static IReadOnlyList<string> AllKeys { get; } = [ReaderKey, ReporterKey, OperatorKey, LegacyKey];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => KeySettings;

    /// <summary>What the host logged: Information for ASP.NET Core, and Debug for authentication, authorization, routing, Kestrel and RecoveryCluster.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Logs);

        // As an operator who wants request lines would set it: the silo must still keep keys out of them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Information);
        foreach (var category in new[] { "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Server.Kestrel" })
        {
            builder.Logging.AddFilter<CapturedLogs>(category, LogLevel.Debug);
        }

        builder.Logging.AddFilter<CapturedLogs>("RecoveryCluster", LogLevel.Debug);
    }
}
