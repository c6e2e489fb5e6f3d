namespace RecoveryCluster.Silo.Security;

/// <summary>Section <c>RecoveryCluster:Security</c>. Keys are secrets: set them from the environment; they are never logged.</summary>
public sealed class SecurityOptions
{
    public const string Section = "RecoveryCluster:Security";

    /// <summary>
    /// The single shared key of earlier versions; it still works, as an operator key named <c>api-key</c>. With
    /// neither it nor <see cref="Keys"/> set, nothing is checked, which only a loopback listener may do.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Named keys with a role each (see <see cref="ApiKeyEntry"/>).</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];
}
