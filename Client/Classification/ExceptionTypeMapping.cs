using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>A user's addition to the exception-type map: exceptions of <paramref name="ExceptionType"/> (or derived) classify as given.</summary>
public sealed record ExceptionTypeMapping(Type ExceptionType, ErrorType Type, ErrorSeverity Severity);
