using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.ApiTests;

/// <summary>A mistaken key list stops the start with one sentence naming the setting, and never quoting a key.</summary>
public sealed class KeyConfigurationTests
{
    private const string Key = "a-secret-key-4c1e9f";
    private const string OtherKey = "another-key-8b2d7a";
    private const string Prefix = "RecoveryCluster:Security:Keys:";

    /// <summary>Each mistake: the entries (name, role, key, hash) and how the message starts.</summary>
    private static readonly Dictionary<string, ((string? Name, string? Role, string? Key, string? Hash)[] Entries, string Message)> Cases = new()
    {
        ["unknown role"] = ([("ops", "admin", Key, null)], $"{Prefix}0:Role 'admin' is not a role; use one of: reader, reporter, operator."),
        ["blank name"] = ([(" ", "operator", Key, null)], $"{Prefix}0:Name is required"),
        ["key and hash"] = ([("ops", "operator", Key, new string('a', 64))], $"{Prefix}0 needs exactly one of Key and KeyHash."),
        ["neither key nor hash"] = ([("ops", "operator", null, null)], $"{Prefix}0 needs exactly one of Key and KeyHash."),
        ["short key"] = ([("ops", "operator", "short-key", null)], $"{Prefix}0:Key is shorter than 12 characters"),
        ["malformed hash"] = ([("ops", "operator", null, "sha256:xyz")], $"{Prefix}0:KeyHash is not a SHA-256 hash"),
        ["one key twice"] = ([("ops", "operator", Key, null), ("dash", "reader", Key, null)], $"{Prefix}1 repeats the key of {Prefix}0; every key must be distinct."),
        ["one name, two roles"] = ([("ops", "operator", Key, null), ("ops", "reader", OtherKey, null)],
            $"{Prefix}1 names 'ops' with role reader, but {Prefix}0 gives that name role operator"),
    };

    public static TheoryData<string> Mistakes => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistaken_key_entry_stops_the_start_naming_the_setting(string mistake)
    {
        var (entries, message) = Cases[mistake];
        var settings = new Dictionary<string, string?> { ["RecoveryCluster:Silo:HttpPort"] = "1" };
        for (var i = 0; i < entries.Length; i++)
        {
            settings[$"{Prefix}{i}:Name"] = entries[i].Name;
            settings[$"{Prefix}{i}:Role"] = entries[i].Role;
            settings[$"{Prefix}{i}:Key"] = entries[i].Key;
            settings[$"{Prefix}{i}:KeyHash"] = entries[i].Hash;
        }

        await using var app = SiloHostFixture.Build(settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_keys_alone_let_a_host_listen_beyond_loopback()
    {
        await using var app = SiloHostFixture.Build(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Silo:HttpAddress"] = "0.0.0.0",
            ["RecoveryCluster:Silo:HttpPort"] = "1",
            [$"{Prefix}0:Name"] = "ops",
            [$"{Prefix}0:Role"] = "operator",
            [$"{Prefix}0:Key"] = Key,
        });

        // Reading the options runs the start-time check (it throws on a mistake) without binding 0.0.0.0.
        Assert.Single(app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Keys);
        Assert.True(app.Services.GetRequiredService<ApiKeys>().Current.Enabled);
    }
}
