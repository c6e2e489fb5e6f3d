namespace RecoveryCluster.Grains.History;

/// <summary>How much of a pair's history a rebuilding statistics grain wants.</summary>
public sealed record StrategyHistoryRequest(int WindowSize, int HourlyBucketsKept, int RecentRecordIds);
