namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>Body of <c>POST /api/recovery/reset</c>: an error to reset, an error type whose statistics to forget, or both.</summary>
public sealed record ResetRequest(string? ErrorId, string? ErrorType);
