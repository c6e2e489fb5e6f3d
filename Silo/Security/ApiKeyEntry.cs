namespace RecoveryCluster.Silo.Security;

/// <summary>
/// One element of <c>RecoveryCluster:Security:Keys</c>. Give either the key itself or its SHA-256 hash; two entries
/// with the same name and role are the old and new key of a rotation, both valid until the old one is removed.
/// </summary>
public sealed class ApiKeyEntry
{
    /// <summary>Who holds the key; the audit trail records this name, never the key.</summary>
    public string? Name { get; set; }

    /// <summary><c>reader</c>, <c>reporter</c> or <c>operator</c>.</summary>
    public string? Role { get; set; }

    /// <summary>The key as clients send it in <c>X-Api-Key</c>.</summary>
    public string? Key { get; set; }

    /// <summary>The key's SHA-256 as 64 hex digits (optionally prefixed <c>sha256:</c>), so configuration need not hold the key.</summary>
    public string? KeyHash { get; set; }
}
