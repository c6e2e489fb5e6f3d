namespace RecoveryCluster.Errors;

/// <summary>
/// One shard of the error index (key: "0" .. <see cref="ErrorIndex.ShardCount"/>−1). Error grains keep their
/// summary here so operators can list errors without a grain per error being asked.
/// </summary>
[Alias("rc.IErrorIndexGrain")]
public interface IErrorIndexGrain : IGrainWithStringKey
{
    /// <summary>A silo's batch of summaries; for each error the highest revision is kept.</summary>
    [Alias("UpsertMany")]
    Task UpsertManyAsync(IReadOnlyList<ErrorSummary> summaries);

    /// <summary>Takes these errors off the list (retention forgot them).</summary>
    [Alias("RemoveMany")]
    Task RemoveManyAsync(IReadOnlyList<string> errorIds);

    /// <summary>Matching errors of this shard, most recently seen first.</summary>
    [Alias("Query"), ReadOnly]
    Task<IReadOnlyList<ErrorSummary>> QueryAsync(ErrorQuery query);

    /// <summary>Counts of this shard: all errors and those not resolved.</summary>
    [Alias("Count"), ReadOnly]
    Task<ErrorCounts> CountAsync();
}
