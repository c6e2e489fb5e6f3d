using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Hooks;

/// <summary>A plan about to run, as an <see cref="RecoveryHooks.OnPlan"/> hook sees it.</summary>
public sealed record PlanHookContext(string Component, string Operation, RecoveryPlan Plan);
