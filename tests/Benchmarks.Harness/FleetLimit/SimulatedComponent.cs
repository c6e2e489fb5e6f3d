using System.Net;

namespace RecoveryCluster.Benchmarks.FleetLimit;

/// <summary>
/// The component the workers call, in the coordinator's process so one place sees every worker's calls: an HTTP
/// endpoint that holds each call for a service time and measures calls in flight (time-weighted mean and peak) and
/// calls started per second over a measured window.
/// </summary>
public sealed class SimulatedComponent : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Task _serving;
    private readonly TimeSpan _serviceTime;
    private int _inFlight;
    private int _peak;
    private long _started;
    private double _weighted;
    private long _lastChange;
    private long _windowStart;

    public SimulatedComponent(int port, TimeSpan serviceTime)
    {
        _serviceTime = serviceTime;
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
        Reset();
    }

    public string Url { get; }

    /// <summary>Starts the measured window afresh.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _windowStart = _lastChange = TimeProvider.System.GetTimestamp();
            _weighted = 0;
            _peak = _inFlight;
            _started = 0;
        }
    }

    /// <summary>Mean and peak calls in flight and calls started per second since <see cref="Reset"/>.</summary>
    public (double MeanInFlight, int PeakInFlight, double CallsPerSecond) Measure()
    {
        lock (_lock)
        {
            var now = TimeProvider.System.GetTimestamp();
            Change(now, 0);
            var seconds = (now - _windowStart) / (double)TimeProvider.System.TimestampFrequency;
            return (_weighted / seconds, _peak, _started / seconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
            // Stopped.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        lock (_lock)
        {
            Change(TimeProvider.System.GetTimestamp(), +1);
            _started++;
        }

        try
        {
            if (_serviceTime > TimeSpan.Zero)
            {
                await Task.Delay(_serviceTime);
            }
        }
        finally
        {
            lock (_lock)
            {
                Change(TimeProvider.System.GetTimestamp(), -1);
            }
        }

        context.Response.StatusCode = 200;
        context.Response.Close();
    }

    private void Change(long now, int delta)
    {
        _weighted += _inFlight * ((now - _lastChange) / (double)TimeProvider.System.TimestampFrequency);
        _lastChange = now;
        _inFlight += delta;
        _peak = Math.Max(_peak, _inFlight);
    }
}
