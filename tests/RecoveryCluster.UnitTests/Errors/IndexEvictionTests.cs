using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class IndexEvictionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Within_the_cap_nothing_leaves()
    {
        var errors = Index(("a", ErrorStatus.Resolved, 1), ("b", ErrorStatus.Open, 2));
        Assert.Equal(0, IndexEviction.Trim(errors, capacity: 2));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Past_the_cap_the_least_recently_seen_resolved_errors_leave_first_down_to_nine_tenths()
    {
        // 11 errors against a cap of 10: back to 9, so two leave; the two oldest resolved ones, though open "o1" is older.
        var errors = Index(
            ("o1", ErrorStatus.Open, 1), ("r2", ErrorStatus.Resolved, 2), ("r3", ErrorStatus.Resolved, 3), ("r9", ErrorStatus.Resolved, 9),
            ("e4", ErrorStatus.Escalated, 4), ("o5", ErrorStatus.Open, 5), ("o6", ErrorStatus.Retrying, 6), ("o7", ErrorStatus.Open, 7),
            ("o8", ErrorStatus.Open, 8), ("o10", ErrorStatus.Open, 10), ("o11", ErrorStatus.Open, 11));

        Assert.Equal(2, IndexEviction.Trim(errors, capacity: 10));

        Assert.DoesNotContain("r2", errors.Keys);
        Assert.DoesNotContain("r3", errors.Keys);
        Assert.Contains("o1", errors.Keys);
        Assert.Contains("r9", errors.Keys);
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void When_every_error_is_unresolved_the_least_recently_seen_leave_so_memory_stays_bounded()
    {
        var errors = Index(("o1", ErrorStatus.Open, 1), ("o2", ErrorStatus.Open, 2), ("o3", ErrorStatus.Escalated, 3));

        Assert.Equal(2, IndexEviction.Trim(errors, capacity: 2));

        Assert.Equal(["o3"], errors.Keys);
    }

    private static Dictionary<string, ErrorSummary> Index(params (string Id, ErrorStatus Status, int Minute)[] entries) =>
        entries.ToDictionary(e => e.Id, e => new ErrorSummary(
            e.Id, ErrorType.Network, ErrorSeverity.Low, "api", "Call", "down", e.Status, null, 1, T0, T0.AddMinutes(e.Minute), 0, 1), StringComparer.Ordinal);
}
