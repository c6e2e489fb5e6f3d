namespace RecoveryCluster.Errors;

/// <summary>
/// One shard of the error index (key: "0" .. <see cref="ErrorIndex.ShardCount"/>−1). Error grains keep their
/// summary here so operators can list errors without a grain per error being asked.
/// </summary>
[Alias("rc.IErrorIndexGrain")]
public interface IErrorIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert"), OneWay]
    Task UpsertAsync(ErrorSummary summary);

    /// <summary>Matching errors of this shard, most recently seen first.</summary>
    [Alias("Query"), ReadOnly]
    Task<IReadOnlyList<ErrorSummary>> QueryAsync(ErrorQuery query);

    /// <summary>Counts of this shard: all errors and those not resolved.</summary>
    [Alias("Count"), ReadOnly]
    Task<ErrorCounts> CountAsync();
}
