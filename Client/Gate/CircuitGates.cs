using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client.Connection;
using RecoveryCluster.Errors;
using CircuitBreakerManualControl = Polly.CircuitBreaker.CircuitBreakerManualControl;
using CircuitBreakerStrategyOptions = Polly.CircuitBreaker.CircuitBreakerStrategyOptions;

namespace RecoveryCluster.Client.Gate;

/// <summary>
/// The gates of every component this worker uses. It subscribes to each component's breaker on first use, renews
/// the subscriptions (which also restores them after a silo restart), and sends batched successes; the client's
/// background work calls both on their timers.
/// </summary>
internal sealed partial class CircuitGates
{
    private readonly ConcurrentDictionary<string, ComponentGate> _gates = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly RecoveryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClusterConnectionStatus _connection;
    private readonly ClusterCalls _calls;
    private readonly ClusterCircuitObserver _observer;
    private readonly Lazy<ICircuitObserver> _observerReference;
    private readonly CancellationTokenSource _stopping = new();

    public CircuitGates(
        IGrainFactory grains, IOptions<RecoveryClientOptions> options, ClusterConnectionStatus connection, ClusterCalls calls, TimeProvider time,
        ILogger<RecoveryClient> logger)
    {
        _grains = grains;
        _options = options.Value;
        _connection = connection;
        _calls = calls;
        _time = time;
        _logger = logger;

        // Made on first subscription: an Orleans client that never connected has no address for it yet. The field
        // keeps the observer alive; Orleans holds it weakly.
        _observer = new ClusterCircuitObserver(OnPushed);
        _observerReference = new(() => grains.CreateObjectReference<ICircuitObserver>(_observer));
    }

    /// <summary>Raised on every state change a push or a renewal brings.</summary>
    public event Action<CircuitSnapshot>? CircuitChanged;

    public string WorkerId => _options.WorkerId;

    /// <summary>The gate of a component; the first call for a component subscribes (bounded by the cluster call timeout).</summary>
    public ValueTask<ComponentGate> GetAsync(string component)
    {
        if (_gates.TryGetValue(component, out var gate) && gate.Subscription is { IsCompleted: true })
        {
            return ValueTask.FromResult(gate);
        }

        return GetSlowAsync(component);
    }

    public CircuitState StateOf(string component) =>
        _gates.TryGetValue(component, out var gate) ? gate.State : CircuitState.Closed;

    public ICircuitBreakerGrain Breaker(string component) => _grains.GetGrain<ICircuitBreakerGrain>(component);

    /// <summary>Renews every subscription now (also called after a failed cluster call, and on reconnect).</summary>
    public Task RenewAllAsync() => _connection.IsConnected ? Task.WhenAll(_gates.Values.Select(g => SubscribeAsync(g))) : Task.CompletedTask;

    /// <summary>The connection is lost: every gate gates on this worker's own breaker until its subscription is renewed.</summary>
    public void MarkUnreachable()
    {
        foreach (var gate in _gates.Values)
        {
            gate.MarkUnreachable();
        }
    }

    /// <summary>Sends the pending successes and drops the subscriptions; the client calls it once, when it stops.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await FlushSuccessesAsync().ConfigureAwait(false);
        if (!_observerReference.IsValueCreated)
        {
            _stopping.Dispose();
            return;
        }

        await Task.WhenAll(_gates.Values.Select(async g =>
        {
            try
            {
                // On the wall clock, not the cluster call pipeline's: a test's clock may stand still while the client stops.
                await Breaker(g.Component).UnsubscribeAsync(_observerReference.Value).WaitAsync(_options.ClusterCallTimeout).ConfigureAwait(false);
            }
            catch (Exception error) when (ClusterFailure.Is(error) || error is ObjectDisposedException or InvalidOperationException)
            {
                // The silo forgets the subscription when it expires.
            }
        })).ConfigureAwait(false);
        try
        {
            _grains.DeleteObjectReference<ICircuitObserver>(_observerReference.Value);
        }
        catch (Exception error) when (error is ArgumentException or ObjectDisposedException)
        {
            // The Orleans client already let it go (it stopped first).
        }

        _stopping.Dispose();
    }

    private async ValueTask<ComponentGate> GetSlowAsync(string component)
    {
        var gate = _gates.GetOrAdd(component, c =>
        {
            var control = new CircuitBreakerManualControl();
            return new ComponentGate(c, BuildLocalBreaker(c, control), control);
        });
        // Out of reach, the gate starts on the local breaker alone; the reconnect subscribes it.
        await gate.SubscribeOnce(g => _connection.IsConnected ? SubscribeAsync(g) : Task.CompletedTask).ConfigureAwait(false);
        return gate;
    }

    private async Task SubscribeAsync(ComponentGate gate)
    {
        try
        {
            var snapshot = await _calls.CallAsync(() => Breaker(gate.Component).SubscribeAsync(_observerReference.Value), _stopping.Token).ConfigureAwait(false);
            var wasReachable = gate.ClusterReachable;
            Apply(gate, snapshot);
            gate.MarkReachable();

            if (!wasReachable && gate.Subscription is { IsCompleted: true })
            {
                LogClusterBack(gate.Component);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            if (gate.ClusterReachable || gate.Subscription is null or { IsCompleted: false })
            {
                ClientMetrics.ClusterUnreachable.Add(1);
                LogClusterUnreachable(gate.Component, error.Message);
            }

            gate.MarkUnreachable();
        }
    }

    /// <summary>Keeps a snapshot that a call brought back (a probe permit, a recorded failure); true when the state changed.</summary>
    public bool Apply(ComponentGate gate, CircuitSnapshot snapshot)
    {
        if (!gate.Apply(snapshot))
        {
            return false;
        }

        Changed(gate, snapshot);
        return true;
    }

    private void OnPushed(CircuitSnapshot snapshot)
    {
        if (_gates.TryGetValue(snapshot.Component, out var gate))
        {
            Apply(gate, snapshot);
        }
    }

    /// <summary>
    /// A transition this worker heard of. A circuit that closes has passed the cluster's probes, so this worker's own
    /// breaker closes too: the fleet proved the component healthy, and waiting out a local break would only delay it.
    /// </summary>
    private void Changed(ComponentGate gate, CircuitSnapshot snapshot)
    {
        if (snapshot.State == CircuitState.Closed)
        {
            _ = CloseLocalAsync(gate);
        }

        CircuitChanged?.Invoke(snapshot);
    }

    private async Task CloseLocalAsync(ComponentGate gate)
    {
        try
        {
            await gate.LocalControl.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
        {
            // The client is stopping.
        }
    }

    /// <summary>Sends every gate's pending successes.</summary>
    public async Task FlushSuccessesAsync()
    {
        foreach (var gate in _gates.Values)
        {
            await FlushAsync(gate).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the gate's pending successes now. Called before a failure is reported too: successes of calls made before
    /// the failure must reach the breaker before it, or a late batch would break the failure chain they preceded.
    /// </summary>
    public async Task FlushAsync(ComponentGate gate)
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        var count = gate.TakeSuccesses();
        if (count == 0)
        {
            return;
        }

        try
        {
            await _calls.CallAsync(() => Breaker(gate.Component).RecordSuccessAsync(_options.WorkerId, count)).ConfigureAwait(false);
        }
        catch (Exception error) when (ClusterFailure.Is(error) || error is OperationCanceledException)
        {
            // Kept for the next flush.
            gate.ReturnSuccesses(count);
        }
    }

    /// <summary>
    /// A worker whose own breaker opened stops reporting that component's failures (its calls are held locally), so
    /// the opening itself is told to the cluster breaker as a severe failure: it counts toward the fleet's quorum.
    /// </summary>
    private async Task ReportLocalOpenAsync(string component)
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        var signal = new FailureSignal(_options.WorkerId, ErrorType.Unknown, ErrorSeverity.High, "this worker's own breaker opened on repeated failures");
        try
        {
            await _calls.CallAsync(() => Breaker(component).RecordFailureAsync(signal)).ConfigureAwait(false);
        }
        catch (Exception error) when (ClusterFailure.Is(error) || error is OperationCanceledException)
        {
            // The local breaker gates on its own while the cluster is out of reach.
        }
    }

    private ResiliencePipeline BuildLocalBreaker(string component, CircuitBreakerManualControl control)
    {
        var local = _options.LocalBreaker;
        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = local.FailureRatio,
                MinimumThroughput = local.MinimumThroughput,
                SamplingDuration = local.SamplingDuration,
                BreakDuration = local.BreakDuration,
                ManualControl = control,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && e is not CircuitOpenException && e is not OperationCanceledException),
                OnOpened = opened =>
                {
                    ClientMetrics.LocalBreakerOpened.Add(1);
                    LogLocalOpened(component);
                    _ = ReportLocalOpenAsync(component);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unreachable for circuit '{Component}': gating on this worker's local breaker only ({Reason})")]
    private partial void LogClusterUnreachable(string component, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster reachable again for circuit '{Component}'")]
    private partial void LogClusterBack(string component);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This worker's local breaker for '{Component}' opened")]
    private partial void LogLocalOpened(string component);
}
