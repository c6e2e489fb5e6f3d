using RecoveryCluster.Errors;
using RecoveryCluster.History;

namespace RecoveryCluster.UnitTests.Analytics;

/// <summary>History records for the analytics tests, with only the fields those tests read set.</summary>
internal static class Records
{
    public static RecoveryRecord At(
        DateTimeOffset at, string errorId = "e1", ErrorType type = ErrorType.Network, string strategy = "retry", RecoveryLevel level = RecoveryLevel.Basic,
        bool success = true, double seconds = 1, double impact = 0, double? stability = null) =>
        new(errorId, type, strategy, level, 1, success, TimeSpan.FromSeconds(seconds), 0, 0, null, null, impact, stability, null, null, "orders-db", at, success);
}
