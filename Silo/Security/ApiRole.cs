namespace RecoveryCluster.Silo.Security;

/// <summary>What a key may do. Each role includes the ones before it.</summary>
public enum ApiRole
{
    /// <summary>The page, the dashboard, and every GET route.</summary>
    Reader = 0,

    /// <summary>A reader that may also report errors and record outcomes: workers and other HTTP clients.</summary>
    Reporter = 1,

    /// <summary>Everything: isolate, reset, resolve, the audit trail.</summary>
    Operator = 2,
}
