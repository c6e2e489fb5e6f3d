namespace RecoveryCluster.Persistence;

/// <summary>One embedded schema script: its version (the number its file name starts with), name, text and checksum.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql, string Checksum);
