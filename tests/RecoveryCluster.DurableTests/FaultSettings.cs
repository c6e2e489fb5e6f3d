namespace RecoveryCluster.DurableTests;

/// <summary>Silo settings for the fault tests: escalated errors come back quickly, so the load never runs dry.</summary>
internal static class FaultSettings
{
    public static Dictionary<string, string> Silo { get; } = new()
    {
        ["RecoveryCluster__Recovery__EscalationHold"] = "00:00:01",
    };
}
