using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class ErrorsBehindTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 8, 10, 0, 0, TimeSpan.Zero);

    private static ErrorSummary Summary(string id, ErrorStatus status, long revision, string message = "pool exhausted") =>
        new(id, ErrorType.Database, ErrorSeverity.High, "orders-db", "Save", message, status, RecoveryLevel.Enhanced, 1, T0, T0, 0, revision);

    [Fact]
    public void Errors_are_listed_once_with_their_matching_attempts_most_recent_first_and_the_latest_index_revision()
    {
        var records = new[]
        {
            Records.At(T0, "e1", ErrorType.Database, success: false),
            Records.At(T0.AddSeconds(9), "e1", ErrorType.Database, success: true),
            Records.At(T0.AddSeconds(5), "e2", ErrorType.Database, success: false),
        };
        var summaries = new[] { Summary("e1", ErrorStatus.Retrying, 1), Summary("e1", ErrorStatus.Resolved, 2, "pool exhausted again") };

        var errors = ErrorsBehind.Select(records, summaries, 10);

        Assert.Equal(["e1", "e2"], errors.Select(e => e.ErrorId));
        Assert.Equal(new ErrorBehind("e1", "database", "orders-db", 2, 1, T0.AddSeconds(9), "pool exhausted again", ErrorStatus.Resolved, RecoveryLevel.Enhanced), errors[0]);
        // e2 is not in the index: listed from its history alone.
        Assert.Equal(new ErrorBehind("e2", "database", "orders-db", 1, 0, T0.AddSeconds(5), null, null, null), errors[1]);
    }

    [Fact]
    public void The_limit_keeps_the_most_recently_attempted()
    {
        var records = Enumerable.Range(0, 5).Select(i => Records.At(T0.AddSeconds(i), $"e{i}"));

        Assert.Equal(["e4", "e3"], ErrorsBehind.Select(records, [], 2).Select(e => e.ErrorId));
    }
}
