using RecoveryCluster.Errors;

namespace RecoveryCluster.Persistence;

/// <summary>The <c>resource_usage</c> column: readings before and after the attempt.</summary>
internal sealed record ResourceUsageJson(ResourceUsage? Before, ResourceUsage? After);
