using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>
/// An error behind a chart's cell or point: its matching attempts, and what the error index says of it now (null
/// details when the index does not list it, e.g. an error whose history outlived its grain).
/// </summary>
public sealed record ErrorBehind(
    string ErrorId, string ErrorType, string Component, long Attempts, long Successes, DateTimeOffset LastAttempt,
    string? Message, ErrorStatus? Status, RecoveryLevel? CurrentLevel);
