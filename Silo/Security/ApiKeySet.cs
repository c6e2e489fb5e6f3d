using System.Security.Cryptography;
using System.Text;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// The configured keys, checked once at start. A presented key is hashed and compared with every known hash in
/// constant time, so neither the time taken nor an early exit tells which key, or how much of one, matched.
/// </summary>
public sealed class ApiKeySet
{
    /// <summary>The name the single <see cref="SecurityOptions.ApiKey"/> is known by.</summary>
    public const string LegacyKeyName = "api-key";

    public const int MinKeyLength = 12;
    private const int MaxNameLength = 100;
    private const string HashPrefix = "sha256:";

    private readonly KnownKey[] _keys;

    private ApiKeySet(KnownKey[] keys) => _keys = keys;

    /// <summary>False when no key is configured: every request is let in (only a loopback listener may run so).</summary>
    public bool Enabled => _keys.Length > 0;

    public IReadOnlyList<KnownKey> Keys => _keys;

    /// <summary>Validates the section; a mistake throws <see cref="InvalidOperationException"/> naming the setting (never a key).</summary>
    public static ApiKeySet From(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<(KnownKey Key, string Setting)>();
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            keys.Add((new KnownKey(LegacyKeyName, ApiRole.Operator, Hash(options.ApiKey)), $"{SecurityOptions.Section}:ApiKey"));
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var setting = $"{SecurityOptions.Section}:Keys:{i}";
            keys.Add((Parse(options.Keys[i], setting), setting));
        }

        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (earlier, earlierSetting) = keys[j];
                var (later, laterSetting) = keys[i];
                if (CryptographicOperations.FixedTimeEquals(earlier.Hash, later.Hash))
                {
                    throw new InvalidOperationException($"{laterSetting} repeats the key of {earlierSetting}; every key must be distinct.");
                }

                if (string.Equals(earlier.Name, later.Name, StringComparison.Ordinal) && earlier.Role != later.Role)
                {
                    throw new InvalidOperationException(
                        $"{laterSetting} names '{later.Name}' with role {Name(later.Role)}, but {earlierSetting} gives that name role {Name(earlier.Role)}; " +
                        "the keys of one name (a rotation) share its role.");
                }
            }
        }

        return new ApiKeySet([.. keys.Select(k => k.Key)]);
    }

    /// <summary>The key that matches, or null.</summary>
    public KnownKey? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        KnownKey? match = null;
        foreach (var key in _keys)
        {
            // No early exit: every presented key costs the same comparisons.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                match = key;
            }
        }

        return match;
    }

    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();

    private static KnownKey Parse(ApiKeyEntry entry, string setting)
    {
        if (string.IsNullOrWhiteSpace(entry.Name) || entry.Name.Length > MaxNameLength || entry.Name.Any(char.IsControl))
        {
            throw new InvalidOperationException($"{setting}:Name is required: up to {MaxNameLength} printable characters that say who holds the key.");
        }

        var roles = Enum.GetValues<ApiRole>();
        var role = roles.Where(r => string.Equals(Name(r), entry.Role?.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<ApiRole?>().FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"{setting}:Role '{entry.Role}' is not a role; use one of: {string.Join(", ", roles.Select(Name))}.");

        var hasKey = !string.IsNullOrEmpty(entry.Key);
        var hasHash = !string.IsNullOrEmpty(entry.KeyHash);
        if (hasKey == hasHash)
        {
            throw new InvalidOperationException($"{setting} needs exactly one of Key and KeyHash.");
        }

        if (hasKey)
        {
            if (entry.Key!.Length < MinKeyLength)
            {
                throw new InvalidOperationException($"{setting}:Key is shorter than {MinKeyLength} characters; use a random key (e.g. openssl rand -hex 24).");
            }

            return new KnownKey(entry.Name, role, Hash(entry.Key));
        }

        var hex = entry.KeyHash!.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) ? entry.KeyHash[HashPrefix.Length..] : entry.KeyHash;
        if (hex.Length != SHA256.HashSizeInBytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new InvalidOperationException($"{setting}:KeyHash is not a SHA-256 hash: give 64 hex digits (printf %s \"$KEY\" | sha256sum).");
        }

        return new KnownKey(entry.Name, role, Convert.FromHexString(hex));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
