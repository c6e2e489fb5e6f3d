using RecoveryCluster.Errors;

namespace RecoveryCluster.Strategies;

/// <summary>Builds and parses the <c>{errorType}/{strategyId}</c> key of a statistics grain.</summary>
public static class StrategyStatsKey
{
    public static string For(ErrorType type, string strategyId) =>
        string.Concat(type.ToName(), "/", Guard.Key(strategyId, nameof(strategyId)));

    /// <summary>Longest key: the longest type name, a slash and the longest strategy id.</summary>
    public static int MaxLength { get; } = ErrorTypeNames.All.Max(t => t.ToName().Length) + 1 + Limits.MaxKeyLength;

    public static (ErrorType Type, string StrategyId) Parse(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"'key' is {key.Length} characters long; the limit is {MaxLength}.", nameof(key));
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Strategy statistics key '{key}' must look like '{{errorType}}/{{strategyId}}'.", nameof(key));
        }

        return (ErrorTypeNames.Parse(key[..slash]), Guard.Key(key[(slash + 1)..], "strategyId"));
    }
}
