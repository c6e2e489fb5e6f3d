namespace RecoveryCluster.History;

/// <summary>
/// The recovery history of one error type (key: the type's name) in memory: the most recent records, bounded. The
/// durable mode keeps the full history in PostgreSQL instead.
/// </summary>
[Alias("rc.IRecoveryHistoryGrain")]
public interface IRecoveryHistoryGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task AppendAsync(RecoveryRecord record);

    /// <summary>A silo's batch of records, in order.</summary>
    [Alias("AppendMany")]
    Task AppendManyAsync(IReadOnlyList<RecoveryRecord> records);

    /// <summary>Matching records, newest first.</summary>
    [Alias("Query"), ReadOnly]
    Task<IReadOnlyList<RecoveryRecord>> QueryAsync(HistoryQuery query);

    [Alias("Reset")]
    Task ResetAsync();
}
