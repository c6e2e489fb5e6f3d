namespace RecoveryCluster.Silo.Security;

/// <summary>Section <c>RecoveryCluster:Security</c>. Keys are secrets: set them from the environment; they are never logged.</summary>
/// <remarks>
/// Reloaded at run time, so keys rotate without a restart. A reloaded list that fails the start-up checks is rejected
/// with an error naming the setting, and the last valid keys stay in force.
/// </remarks>
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
