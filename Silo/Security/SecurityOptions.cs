namespace RecoveryCluster.Silo.Security;

/// <summary>Section <c>RecoveryCluster:Security</c>. The key is a secret: set it from the environment, never log it.</summary>
public sealed class SecurityOptions
{
    public const string Section = "RecoveryCluster:Security";

    /// <summary>Required in header <c>X-Api-Key</c> (or the cookie a browser gets from <c>/?apiKey=...</c>) on every request but the health probes; null turns the check off, which only a loopback listener may do.</summary>
    public string? ApiKey { get; set; }
}
