namespace RecoveryCluster.Client.Hooks;

/// <summary>Hooks registered on the service collection, applied when the client is built.</summary>
internal sealed record RecoveryHookRegistration(Action<RecoveryHooks> Apply);
