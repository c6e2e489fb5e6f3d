namespace RecoveryCluster;

/// <summary>Bounds that every boundary enforces, so bad input fails loudly instead of bloating state.</summary>
public static class Limits
{
    /// <summary>Longest grain key, component, operation, worker or strategy id.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Longest error message kept; longer messages are rejected rather than truncated silently.</summary>
    public const int MaxMessageLength = 8192;

    /// <summary>Most task ids and tags on one occurrence.</summary>
    public const int MaxCollectionItems = 1024;

    /// <summary>Most offline records in one <c>RecordOfflineAsync</c> call; a worker sends more in several.</summary>
    public const int MaxOfflineBatch = 256;

    /// <summary>Most local attempts in one offline record (a retry and a fallback).</summary>
    public const int MaxOfflineOutcomes = 4;

    /// <summary>Most items in one batch a silo sends another grain (breaker signals, executions, index lines, history rows).</summary>
    public const int MaxSiloBatch = 1024;
}
