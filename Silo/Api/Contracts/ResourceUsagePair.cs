using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>Resource readings before and after an attempt.</summary>
public sealed record ResourceUsagePair(ResourceUsage? Before, ResourceUsage? After);
