namespace RecoveryCluster.Silo.Security;

/// <summary>A configured key as the silo keeps it: its holder's name, its role and the SHA-256 of the key.</summary>
public sealed record KnownKey(string Name, ApiRole Role, byte[] Hash);
