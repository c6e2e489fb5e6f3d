using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>What a failure is: its type, severity, and the error pattern that matched, if any.</summary>
public sealed record ErrorClassification(ErrorType Type, ErrorSeverity Severity, string? PatternId);
