using System.Reflection;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Strategies;

public sealed class StrategyRegistryTests
{
    public static TheoryData<string> BuiltInIds()
    {
        var ids = new TheoryData<string>();
        foreach (var field in typeof(StrategyIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            ids.Add((string)field.GetRawConstantValue()!);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(BuiltInIds))]
    public void Every_built_in_id_resolves_to_a_strategy_with_that_id(string id)
    {
        var registry = new StrategyRegistry([]);

        Assert.True(registry.TryGet(id, out var strategy), $"Expected a built-in strategy '{id}'.");
        Assert.Equal(id, strategy.Id);
    }

    [Fact]
    public void The_registry_holds_exactly_the_eleven_built_ins_when_nothing_is_added()
    {
        var registry = new StrategyRegistry([]);

        Assert.Equal(
            [
                StrategyIds.CompensatingTransaction, StrategyIds.CoordinatorRecovery, StrategyIds.DatabaseReconnect, StrategyIds.ErrorCorrection,
                StrategyIds.Escalation, StrategyIds.Fallback, StrategyIds.GracefulDegradation, StrategyIds.Reconnect, StrategyIds.Retry,
                StrategyIds.SystemRecovery, StrategyIds.WorkerRecovery,
            ],
            registry.Ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_custom_strategy_with_a_built_in_id_replaces_the_built_in()
    {
        var custom = new CustomStrategy(StrategyIds.Retry);

        var registry = new StrategyRegistry([custom]);

        Assert.True(registry.TryGet(StrategyIds.Retry, out var retry));
        Assert.Same(custom, retry);
        Assert.Equal(11, registry.Ids.Count);
    }

    [Fact]
    public void A_custom_strategy_with_a_new_id_is_added_beside_the_built_ins()
    {
        var custom = new CustomStrategy("restart-gpu");

        var registry = new StrategyRegistry([custom]);

        Assert.True(registry.TryGet("restart-gpu", out var found));
        Assert.Same(custom, found);
        Assert.True(registry.TryGet(StrategyIds.Retry, out var retry));
        Assert.IsType<RetryStrategy>(retry);
        Assert.Equal(12, registry.Ids.Count);
    }

    [Fact]
    public void When_two_custom_strategies_share_an_id_the_last_registered_wins()
    {
        var first = new CustomStrategy("restart-gpu");
        var second = new CustomStrategy("restart-gpu");

        var registry = new StrategyRegistry([first, second]);

        Assert.True(registry.TryGet("restart-gpu", out var found));
        Assert.Same(second, found);
    }

    [Fact]
    public void Ids_are_matched_exactly_and_unknown_ids_are_not_found()
    {
        var registry = new StrategyRegistry([]);

        Assert.False(registry.TryGet("no-such-strategy", out _));
        Assert.False(registry.TryGet("Retry", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_custom_strategy_with_a_blank_id_is_rejected(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => new StrategyRegistry([new CustomStrategy(id)]));
    }

    private sealed class CustomStrategy(string id) : IRecoveryStrategy
    {
        public string Id { get; } = id;

        public Task<StrategyResult> ExecuteAsync(RecoveryContext context, CancellationToken cancellationToken) =>
            Task.FromResult(StrategyResult.Recovered("custom"));
    }
}
