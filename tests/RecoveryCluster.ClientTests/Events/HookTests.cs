using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hooks;
using RecoveryCluster.Client.Remediation;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Events;

[Collection(ClientCollection.Name)]
public sealed class HookTests(ClientClusterFixture fixture)
{
    [Fact]
    public async Task Error_and_plan_hooks_fire_with_the_failure_and_plan_and_a_throwing_hook_changes_nothing()
    {
        await using var client = fixture.NewClient("hooked-worker");
        var component = Breakers.NewComponent("hooked-api");
        var timeouts = new List<ErrorHookContext>();
        var databaseErrors = new List<ErrorHookContext>();
        var plans = new List<PlanHookContext>();
        using var onTimeout = client.Hooks.OnError("timeout", timeouts.Add);
        using var onDatabase = client.Hooks.OnError("database", databaseErrors.Add);
        using var throwingOnAll = client.Hooks.OnError("*", _ => throw new InvalidOperationException("a broken hook"));
        using var onPlan = client.Hooks.OnPlan(p =>
        {
            plans.Add(p);
            throw new InvalidOperationException("another broken hook");
        });

        var calls = 0;
        var value = await client.ExecuteAsync(component, "GetQuote",
            _ => Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("upstream timed out") : Task.FromResult(42));

        Assert.Equal(42, value);
        var error = Assert.Single(timeouts);
        Assert.Equal(ErrorFingerprint.Compute(ErrorType.Timeout, component, "GetQuote", "upstream timed out"), error.ErrorId);
        Assert.Equal((ErrorType.Timeout, component, "GetQuote"), (error.Type, error.Component, error.Operation));
        Assert.Equal("upstream timed out", Assert.IsType<TimeoutException>(error.Exception).Message);
        Assert.Empty(databaseErrors);
        var plan = Assert.Single(plans);
        Assert.Equal((error.ErrorId, RecoveryLevel.Basic, 1), (plan.Plan.ErrorId, plan.Plan.Level, plan.Plan.Attempt));
        var report = await fixture.Client.GetGrain<IErrorGrain>(error.ErrorId).GetReportAsync();
        Assert.Equal(ErrorStatus.Resolved, report!.Status);
    }

    [Fact]
    public async Task Escalation_and_circuit_hooks_fire_and_a_removed_hook_does_not()
    {
        var failing = new[]
        {
            StrategyIds.Retry, StrategyIds.Reconnect, StrategyIds.DatabaseReconnect, StrategyIds.ErrorCorrection, StrategyIds.Fallback,
            StrategyIds.CompensatingTransaction, StrategyIds.WorkerRecovery, StrategyIds.CoordinatorRecovery, StrategyIds.GracefulDegradation,
            StrategyIds.SystemRecovery,
        }.Select(id => (IRecoveryStrategy)new FailingStrategy(id)).ToArray();
        await using var client = fixture.NewClient("escalating-worker", strategies: failing);
        var component = Breakers.NewComponent("escalating-api");
        var escalations = new List<EscalationHookContext>();
        var transitions = new List<CircuitSnapshot>();
        var removedCalls = 0;
        using var onEscalation = client.Hooks.OnEscalation(escalations.Add);
        using var throwing = client.Hooks.OnEscalation(_ => throw new InvalidOperationException("a broken hook"));
        using var onCircuit = client.Hooks.OnCircuitChange(s =>
        {
            lock (transitions)
            {
                transitions.Add(s);
            }
        });
        client.Hooks.OnEscalation(_ => removedCalls++).Dispose();

        var escalated = await Assert.ThrowsAsync<RecoveryEscalatedException>(() =>
            client.ExecuteAsync<int>(component, "Render", _ => throw new TimeoutException("render timed out")));

        var escalation = Assert.Single(escalations);
        Assert.Equal((escalated.ErrorId, component, "Render", 5), (escalation.ErrorId, escalation.Component, escalation.Operation, escalation.Attempts));
        Assert.Equal(0, removedCalls);

        await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).IsolateAsync("hook test");
        await Eventually.HoldsAsync(() =>
        {
            lock (transitions)
            {
                return transitions.Any(t => t.Component == component && t.State == CircuitState.Isolated);
            }
        }, "the circuit hook hears the isolation");
    }

    [Fact]
    public void An_error_hook_for_a_type_that_does_not_exist_is_refused()
    {
        var hooks = new RecoveryHooks();
        var error = Assert.Throws<ArgumentException>(() => hooks.OnError("gremlins", _ => { }));
        Assert.Equal("errorType", error.ParamName);
        Assert.Contains("database", error.Message, StringComparison.Ordinal);
    }
}
