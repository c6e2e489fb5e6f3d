namespace RecoveryCluster.Benchmarks;

public sealed record LearningResult(IReadOnlyList<LearningRow> Rows, int Seed)
{
    /// <summary>Cluster successes over oracle successes, all rows together.</summary>
    public double ClusterToOracle(string? phase = null)
    {
        var rows = Rows.Where(r => phase is null || r.Phase == phase).ToArray();
        return rows.Sum(r => r.ClusterSuccess * r.Errors) / rows.Sum(r => r.OracleSuccess * r.Errors);
    }
}
