using RecoveryCluster.Strategies;

namespace RecoveryCluster.Errors;

/// <summary>Where a failure happened.</summary>
/// <param name="Component">The component whose circuit breaker gates the operation, e.g. <c>orders-db</c>.</param>
/// <param name="Operation">The operation that failed, e.g. <c>SaveOrder</c>.</param>
/// <param name="WorkerId">The reporting worker; the breaker's quorum counts distinct workers.</param>
/// <param name="HardwareId">The machine or device, for the per-hardware breakdown.</param>
/// <param name="TaskIds">Tasks the failure affected.</param>
/// <param name="Tags">Free-form labels.</param>
/// <param name="IsCriticalOperation">Medium failures count against the breaker only on critical operations.</param>
/// <param name="Features">What the call brought for its recovery (fallback, degradation levels, compensations); null when
/// the reporter does not say, and then every strategy may be planned.</param>
[GenerateSerializer, Immutable, Alias("rc.error-context")]
public sealed record ErrorContext(
    [property: Id(0)] string Component,
    [property: Id(1)] string Operation,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] string? HardwareId = null,
    [property: Id(4)] IReadOnlyList<string>? TaskIds = null,
    [property: Id(5)] IReadOnlyDictionary<string, string>? Tags = null,
    [property: Id(6)] bool IsCriticalOperation = false,
    [property: Id(7)] CallFeatures? Features = null);
