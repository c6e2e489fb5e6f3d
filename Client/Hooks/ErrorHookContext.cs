using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Hooks;

/// <summary>A failure as an <see cref="RecoveryHooks.OnError(string, Action{ErrorHookContext})"/> hook sees it: classified, before it is reported.</summary>
/// <param name="ErrorId">The error's fingerprint, the id the cluster files it under.</param>
public sealed record ErrorHookContext(string ErrorId, ErrorType Type, ErrorSeverity Severity, string Component, string Operation, Exception Exception);
