using System.Collections.Frozen;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The strategies the planner may choose from: the built-ins, then custom ones registered on the silo, in that
/// order. Candidate lists per (error type, level) are computed once.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly FrozenDictionary<string, StrategyDescriptor> _byId;
    private readonly FrozenDictionary<(ErrorType, RecoveryLevel), StrategyDescriptor[]> _candidates;
    private readonly FrozenDictionary<ErrorType, StrategyDescriptor[]> _byType;

    public StrategyCatalog(IEnumerable<StrategyDescriptor> customStrategies)
    {
        ArgumentNullException.ThrowIfNull(customStrategies);
        var all = BuiltInStrategies.All.Concat(customStrategies.Select(Validate)).ToArray();
        var duplicate = all.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Strategy id '{duplicate.Key}' is registered more than once.", nameof(customStrategies));
        }

        Strategies = all;
        _byId = all.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _candidates = (
            from type in ErrorTypeNames.All
            from level in Enum.GetValues<RecoveryLevel>()
            select (type, level)).ToFrozenDictionary(k => k, k => all.Where(s => s.Handles(k.type, k.level)).ToArray());
        _byType = ErrorTypeNames.All.ToFrozenDictionary(t => t, t => all.Where(s => s.Handles(t)).ToArray());
    }

    /// <summary>Every strategy in default order.</summary>
    public IReadOnlyList<StrategyDescriptor> Strategies { get; }

    /// <summary>The strategies for (type, level) in default order; never empty with the built-ins present.</summary>
    public IReadOnlyList<StrategyDescriptor> Candidates(ErrorType type, RecoveryLevel level) =>
        _candidates.TryGetValue((type, level), out var list) ? list : [];

    /// <summary>
    /// The strategies for (type, level) that a call with <paramref name="features"/> can run, in default order; when
    /// none can, all of them (the level still gets a plan, and its failure moves the error on as before).
    /// </summary>
    public IReadOnlyList<StrategyDescriptor> Candidates(ErrorType type, RecoveryLevel level, CallFeatures? features)
    {
        var all = Candidates(type, level);
        if (features is null || all.All(s => s.RunsWith(features)))
        {
            return all;
        }

        var runnable = all.Where(s => s.RunsWith(features)).ToArray();
        return runnable.Length > 0 ? runnable : all;
    }

    /// <summary>The strategies that handle a type at any level, in default order.</summary>
    public IReadOnlyList<StrategyDescriptor> ForType(ErrorType type) =>
        _byType.TryGetValue(type, out var list) ? list : [];

    public bool TryGet(string strategyId, out StrategyDescriptor descriptor) =>
        _byId.TryGetValue(strategyId, out descriptor!);

    private static StrategyDescriptor Validate(StrategyDescriptor strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Guard.Key(strategy.Id, "strategy.Id");
        if (strategy.Id.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Strategy id '{strategy.Id}' must not contain '/'.", "strategy.Id");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(strategy.Name, "strategy.Name");
        if (strategy.Levels is null || strategy.Levels.Count == 0)
        {
            throw new ArgumentException($"Strategy '{strategy.Id}' must name at least one level.", "strategy.Levels");
        }

        foreach (var level in strategy.Levels)
        {
            Guard.Defined(level, "strategy.Levels");
        }

        ArgumentNullException.ThrowIfNull(strategy.ErrorTypes, "strategy.ErrorTypes");
        return strategy;
    }
}
