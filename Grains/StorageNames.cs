namespace RecoveryCluster.Grains;

/// <summary>Names of the grain storage providers the grains use; the silo decides what backs them.</summary>
public static class StorageNames
{
    public const string Recovery = "recovery";
}
