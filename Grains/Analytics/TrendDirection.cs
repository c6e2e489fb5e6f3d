namespace RecoveryCluster.Grains.Analytics;

/// <summary>Whether a trend is a strategy getting worse or better.</summary>
public enum TrendDirection
{
    Worse,
    Better,
}
