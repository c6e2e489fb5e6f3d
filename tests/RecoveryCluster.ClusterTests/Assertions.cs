namespace RecoveryCluster.ClusterTests;

public static class Assertions
{
    /// <summary>Argument errors cross grain calls by message; the message must name the field.</summary>
    public static void AssertNamesField(this ArgumentException error, string field) =>
        Assert.Contains($"(Parameter '{field}')", error.Message, StringComparison.Ordinal);
}
