using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;
using static RecoveryCluster.Errors.RecoveryLevel;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The strategies every cluster knows, in the catalog's default (exploration) order: cheap and local first,
/// system-wide last. Every (error type, level) pair has at least one candidate.
/// </summary>
public static class BuiltInStrategies
{
    private static readonly ErrorType[] AnyType = [];

    public static IReadOnlyList<StrategyDescriptor> All { get; } =
    [
        new(StrategyIds.Retry, "Retry with exponential backoff", [Basic, Enhanced], AnyType),
        new(StrategyIds.Reconnect, "Reconnect", [Basic, Enhanced],
            [ErrorType.Network, ErrorType.Connection, ErrorType.Timeout, ErrorType.Database, ErrorType.Coordinator]),
        new(StrategyIds.DatabaseReconnect, "Database reconnect", [Basic, Enhanced, Component],
            [ErrorType.Database, ErrorType.Connection]),
        new(StrategyIds.ErrorCorrection, "Pattern-based error correction", [Basic, Enhanced],
            [ErrorType.Validation, ErrorType.Task, ErrorType.Unknown]),
        new(StrategyIds.Fallback, "Fallback", [Enhanced, Component], AnyType, CallFeatures.Fallback),
        new(StrategyIds.CompensatingTransaction, "Compensating transaction", [Enhanced, Component],
            [ErrorType.Task, ErrorType.Database, ErrorType.Coordinator, ErrorType.Worker], CallFeatures.Compensation),
        new(StrategyIds.WorkerRecovery, "Worker recovery with task migration", [Component, SystemComponent],
            [ErrorType.Worker, ErrorType.Hardware, ErrorType.Resource, ErrorType.Task, ErrorType.Timeout]),
        new(StrategyIds.CoordinatorRecovery, "Coordinator recovery", [Component, SystemComponent],
            [ErrorType.Coordinator, ErrorType.Network, ErrorType.Connection]),
        new(StrategyIds.GracefulDegradation, "Graceful degradation", [Component, SystemComponent, Critical], AnyType, CallFeatures.Degradation),
        new(StrategyIds.SystemRecovery, "System recovery (load reduction first)", [SystemComponent, Critical], AnyType),
    ];
}
