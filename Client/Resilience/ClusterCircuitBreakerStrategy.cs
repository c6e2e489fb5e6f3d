using Polly;
using Polly.Telemetry;
using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Client.Resilience;

/// <summary>
/// A Polly strategy that gates calls on the component's cluster breaker and reports the outcomes its
/// <c>ShouldHandle</c> counts as failures (exceptions or results) to it. The breaker's transitions, pushed to this
/// worker, raise the options' callbacks and Polly's telemetry events under Polly's names.
/// </summary>
internal sealed class ClusterCircuitBreakerStrategy<TResult> : ResilienceStrategy<TResult>
{
    private readonly IClusterStrategyClient _client;
    private readonly string _component;
    private readonly ClusterCircuitBreakerStrategyOptions<TResult> _options;
    private readonly ResilienceStrategyTelemetry _telemetry;
    private readonly Lock _gate = new();
    private CircuitState? _lastHeard;

    public ClusterCircuitBreakerStrategy(IClusterStrategyClient client, ClusterCircuitBreakerStrategyOptions<TResult> options, ResilienceStrategyTelemetry telemetry)
    {
        _client = client;
        _component = Guard.Key(options.Component, nameof(options.Component));
        _options = options;
        _telemetry = telemetry;
        options.StateProvider?.Bind(() => client.GetCircuitState(_component));
        client.CircuitChanged += OnCircuitChanged;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        Gate.GateDecision decision;
        try
        {
            decision = await _client.EnterAsync(_component, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (CircuitOpenException open)
        {
            _telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Warning, "ClusterCircuitRejected"), context, open);
            return Outcome.FromException<TResult>(open);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        var handled = await _options.ShouldHandle(new Polly.CircuitBreaker.CircuitBreakerPredicateArguments<TResult>(context, outcome)).ConfigureAwait(context.ContinueOnCapturedContext);
        var failure = handled ? outcome.Exception ?? HandledResultException.Of(outcome.Result) : null;
        if (failure is not null)
        {
            _telemetry.Report(new ResilienceEvent(ResilienceEventSeverity.Information, "ClusterFailureReported"), context, failure);
        }

        await _client.CompleteAsync(_component, decision, failure).ConfigureAwait(context.ContinueOnCapturedContext);
        return outcome;
    }

    private void OnCircuitChanged(CircuitSnapshot snapshot)
    {
        if (!string.Equals(snapshot.Component, _component, StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            // A transition only: not the closed state a new subscription starts from, nor a state heard twice.
            var before = _lastHeard;
            _lastHeard = snapshot.State;
            if (before == snapshot.State || (before is null && snapshot.State == CircuitState.Closed))
            {
                return;
            }
        }

        var (name, callback) = snapshot.State switch
        {
            CircuitState.Open or CircuitState.Isolated => ("OnCircuitOpened", _options.OnOpened),
            CircuitState.HalfOpen => ("OnCircuitHalfOpened", _options.OnHalfOpened),
            _ => ("OnCircuitClosed", _options.OnClosed),
        };
        var change = new ClusterCircuitChange(_component, snapshot.State, snapshot);
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            // Polly's own breaker reports its transitions at these severities.
            var severity = snapshot.State switch
            {
                CircuitState.Closed => ResilienceEventSeverity.Information,
                CircuitState.HalfOpen => ResilienceEventSeverity.Warning,
                _ => ResilienceEventSeverity.Error,
            };
            _telemetry.Report(new ResilienceEvent(severity, name), context, change);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (callback is not null)
        {
            // Off the push's thread: a slow callback must not hold up the worker's other gates.
            _ = Task.Run(async () =>
            {
                try
                {
                    await callback(change).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    // No call is waiting on a pushed transition, so a failing callback has no one to fail: keep it visible.
                    ClientMetrics.CallbackFailures.Add(1);
                }
            });
        }
    }
}
