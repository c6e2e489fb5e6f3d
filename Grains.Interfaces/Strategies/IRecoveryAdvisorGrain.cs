namespace RecoveryCluster.Strategies;

/// <summary>Ranks the strategies for one error type (key: the error type's name). Stateless: it reads the statistics grains.</summary>
[Alias("rc.IRecoveryAdvisorGrain")]
public interface IRecoveryAdvisorGrain : IGrainWithStringKey
{
    /// <summary>Every strategy that handles the error type, best score first.</summary>
    [Alias("GetRecommendations"), ReadOnly]
    Task<IReadOnlyList<StrategyRecommendation>> GetRecommendationsAsync();

    /// <summary>The strategies the catalog knows for this error type, in the catalog's default order.</summary>
    [Alias("GetStrategies"), ReadOnly]
    Task<IReadOnlyList<StrategyDescriptor>> GetStrategiesAsync();
}
