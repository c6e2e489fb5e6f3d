using System.Collections.Frozen;

namespace RecoveryCluster.Client.Remediation;

/// <summary>The strategies this worker can run, by id: the built-ins plus any registered with <c>AddStrategy&lt;T&gt;()</c> (which win on a clash).</summary>
public sealed class StrategyRegistry
{
    private readonly FrozenDictionary<string, IRecoveryStrategy> _byId;

    public StrategyRegistry(IEnumerable<IRecoveryStrategy> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        var all = new Dictionary<string, IRecoveryStrategy>(StringComparer.Ordinal);
        foreach (var strategy in BuiltIn.Concat(custom))
        {
            Guard.Key(strategy.Id, "strategy.Id");
            all[strategy.Id] = strategy;
        }

        _byId = all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static IReadOnlyList<IRecoveryStrategy> BuiltIn { get; } =
    [
        new RetryStrategy(), new ReconnectStrategy(), new DatabaseReconnectStrategy(), new ErrorCorrectionStrategy(),
        new FallbackStrategy(), new CompensatingTransactionStrategy(), new WorkerRecoveryStrategy(),
        new CoordinatorRecoveryStrategy(), new GracefulDegradationStrategy(), new SystemRecoveryStrategy(), new EscalationStrategy(),
    ];

    public IReadOnlyCollection<string> Ids => _byId.Keys;

    public bool TryGet(string id, out IRecoveryStrategy strategy) => _byId.TryGetValue(id, out strategy!);
}
