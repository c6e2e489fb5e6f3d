using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.Grains.Events;

/// <summary>
/// Where grains drop their events. <see cref="Publish(IReadOnlyList{RecoveryEvent})"/> only writes to a bounded
/// in-memory buffer (dropping and counting when it is full), so publishing never slows or breaks recovery; one loop
/// per silo drains the buffer in batches to the event hub, sending the next batch once the hub took the previous one
/// and <see cref="RecoveryOptions.BatchInterval"/> has passed.
/// </summary>
public sealed partial class RecoveryEventPublisher : IAsyncDisposable
{
    /// <summary>Events buffered on a silo before new ones are dropped.</summary>
    public const int Capacity = 10_000;

    /// <summary>Most events sent to the hub in one call.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<RecoveryEvent> _buffer = Channel.CreateBounded<RecoveryEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly IRecoveryEventSink[] _sinks;
    private readonly ILogger<RecoveryEventPublisher> _logger;
    private readonly Lock _startGate = new();
    private readonly TimeSpan _interval;
    private Task? _drain;
    private long _published;
    private long _dropped;

    public RecoveryEventPublisher(
        IGrainFactory grains, IEnumerable<IRecoveryEventSink> sinks, IMeterFactory meters, IOptions<RecoveryOptions> options, ILogger<RecoveryEventPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _interval = options.Value.BatchInterval;
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(meters);
        _grains = grains;
        _sinks = [.. sinks];
        _logger = logger;
        var meter = meters.Create(RecoveryInstruments.Name);
        meter.CreateObservableCounter("rc.events.published", () => Published, description: "Recovery events accepted by this silo's publisher");
        meter.CreateObservableCounter("rc.events.dropped", () => Dropped, description: "Recovery events this silo's publisher dropped because its buffer was full");
    }

    /// <summary>Events accepted into the buffer.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(IReadOnlyList<RecoveryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        EnsureDraining();
        foreach (var e in events)
        {
            Offer(e);
        }
    }

    public void Publish(RecoveryEvent e) => Publish([e]);

    private void Offer(RecoveryEvent e)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Offer(e);
            }
            catch (Exception error)
            {
                // A sink must never break the grain that published.
                LogSinkFailed(sink.GetType().Name, error);
            }
        }

        if (_buffer.Writer.TryWrite(e))
        {
            Interlocked.Increment(ref _published);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void EnsureDraining()
    {
        if (_drain is not null)
        {
            return;
        }

        lock (_startGate)
        {
            // Off the grain scheduler: the loop is plain thread-pool work that calls the hub as any client would.
            _drain ??= Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        var hub = _grains.GetGrain<IRecoveryEventHubGrain>(IRecoveryEventHubGrain.DefaultKey);
        var batch = new List<RecoveryEvent>(MaxBatch);
        while (await _buffer.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let a batch gather: one hub call per interval, not one per event, when events come one at a time.
            if (_interval > TimeSpan.Zero && _buffer.Reader.Count < MaxBatch)
            {
                await Task.Delay(_interval).ConfigureAwait(false);
            }

            while (batch.Count < MaxBatch && _buffer.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            try
            {
                await hub.PublishAsync(batch.ToArray()).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                LogHubUnreachable(batch.Count, error.Message);
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        if (_drain is { } drain)
        {
            await drain.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recovery event sink {Sink} threw; the event goes on to the hub")]
    private partial void LogSinkFailed(string sink, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} recovery events could not reach the event hub ({Reason}); they are lost")]
    private partial void LogHubUnreachable(int count, string reason);
}
