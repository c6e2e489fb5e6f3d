using Polly.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.Worker;

/// <summary>
/// Runs a fleet's workload: each worker starts operations at a fixed rate, whatever the earlier ones are doing (as
/// requests arrive in production), spread over the shared components, while the injector plants its seeded faults on
/// time. The same class drives the demo and every arm of the recovery benchmark, so they all meet identical faults.
/// </summary>
public sealed class FleetWorkload(SimulatedFleet fleet, WorkloadOptions options, TimeProvider time)
{
    /// <summary>How long operations under way may take to finish after the last one started.</summary>
    public static readonly TimeSpan DrainWithin = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly List<Task> _inFlight = [];
    private long _started = -1;

    public WorkloadStats Stats { get; } = new();

    /// <summary>Told of every operation's end (how, its tag, when), e.g. to break figures down by fault.</summary>
    public Action<OperationEnd, OperationTag, long>? OperationEnded { get; init; }

    /// <summary>
    /// Starts operations until <paramref name="stop"/>, <see cref="WorkloadOptions.Duration"/> or
    /// <see cref="WorkloadOptions.Operations"/>, then waits for the ones under way (at most <see cref="DrainWithin"/>).
    /// Each worker runs an operation with its delegate, which throws when the operation fails.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<Func<SimulatedComponent, long, CancellationToken, Task>> workers, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(workers);
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var duration = options.Duration > TimeSpan.Zero ? new CancellationTokenSource(options.Duration, time) : new CancellationTokenSource();
        using var registration = duration.Token.Register(stopStarting.Cancel);
        var start = time.GetTimestamp();
        var planting = PlantAsync(start, stopStarting.Token);
        await Task.WhenAll(workers.Select((worker, w) => StartOperationsAsync(worker, w, workers.Count, start, stopStarting))).ConfigureAwait(false);
        await stopStarting.CancelAsync().ConfigureAwait(false);
        await planting.ConfigureAwait(false);

        Task[] inFlight;
        lock (_lock)
        {
            inFlight = [.. _inFlight];
        }

        try
        {
            await Task.WhenAll(inFlight).WaitAsync(DrainWithin, time, stop).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or TimeoutException)
        {
            // Stopped by the user, or operations still held when the drain ended: the summary counts what finished.
        }
    }

    private async Task StartOperationsAsync(
        Func<SimulatedComponent, long, CancellationToken, Task> worker, int index, int workers, long start, CancellationTokenSource stopStarting)
    {
        var components = fleet.Ordered;
        var period = TimeSpan.FromSeconds(1 / options.Rate);

        // Workers start evenly spread over one period, so arrivals do not come in bursts of one per worker.
        var offset = period * index / workers;
        for (long k = 0; !stopStarting.IsCancellationRequested; k++)
        {
            var due = offset + period * k - time.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, time, stopStarting.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var n = Interlocked.Increment(ref _started);
            if (options.Operations > 0 && n >= options.Operations)
            {
                await stopStarting.CancelAsync().ConfigureAwait(false);
                return;
            }

            // Each worker goes round every component (offset by its index), so every component is shared by the whole
            // fleet. The operation is not cancelled when starting stops: it runs to its end, as a caller's request would.
            var operation = RunOneAsync(worker, components[(int)((k + index) % components.Count)], n, index, k);
            lock (_lock)
            {
                _inFlight.RemoveAll(t => t.IsCompleted);
                _inFlight.Add(operation);
            }
        }
    }

    private async Task RunOneAsync(Func<SimulatedComponent, long, CancellationToken, Task> worker, SimulatedComponent component, long n, int index, long k)
    {
        var tag = new OperationTag(time.GetTimestamp(), index, k);
        if (component.Fault is { } faultAtStart)
        {
            tag.OnFaultMet(faultAtStart);
        }

        OperationTag.Current.Value = tag;
        OperationEnd end;
        try
        {
            await worker(component, n, CancellationToken.None).ConfigureAwait(false);
            end = OperationEnd.Succeeded;
        }
        catch (Exception error)
        {
            end = Classify(error);
        }

        var endedAt = time.GetTimestamp();
        Stats.Ended(end, tag, endedAt, time);
        OperationEnded?.Invoke(end, tag, endedAt);
    }

    /// <summary>How a failed operation ended: refused by a breaker, held as escalated, or failed.</summary>
    public static OperationEnd Classify(Exception error) => error switch
    {
        CircuitOpenException or BrokenCircuitException => OperationEnd.Rejected,
        RecoveryEscalatedException { Held: true } => OperationEnd.Held,
        _ => OperationEnd.Failed,
    };

    private async Task PlantAsync(long start, CancellationToken stopStarting)
    {
        var injector = new FailureInjector(options.Seed, options.Faults, fleet.Ordered.Count);
        try
        {
            while (!stopStarting.IsCancellationRequested)
            {
                var faults = injector.NextInterval();
                foreach (var fault in faults)
                {
                    if (options.Duration > TimeSpan.Zero && fault.Due >= options.Duration)
                    {
                        return;
                    }

                    var due = fault.Due - time.GetElapsedTime(start);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, time, stopStarting).ConfigureAwait(false);
                    }

                    var component = fleet.Ordered[fault.Component];
                    component.Plant(fault.Create(options.Faults, component.Capacity, time));
                    Stats.Planted();
                }

                // The next interval's draws are due at its start; sleep until then (slots are fixed offsets from the start).
                var next = injector.NextDue - time.GetElapsedTime(start);
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, time, stopStarting).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
