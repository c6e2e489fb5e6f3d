using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>Builds and parses the <c>{errorType}/{strategyId}</c> key of a statistics grain.</summary>
public static class StrategyStatsKey
{
    public static string For(ErrorType type, string strategyId) =>
        string.Concat(type.ToName(), "/", Guard.Key(strategyId, nameof(strategyId)));

    public static (ErrorType Type, string StrategyId) Parse(string key)
    {
        Guard.Key(key, nameof(key));
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Strategy statistics key '{key}' must look like '{{errorType}}/{{strategyId}}'.", nameof(key));
        }

        return (ErrorTypeNames.Parse(key[..slash]), key[(slash + 1)..]);
    }
}
