using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.Reloading;

/// <summary>
/// An <see cref="IOptionsMonitor{TOptions}"/> that keeps the last valid value when configuration changes to an
/// invalid one: the rejected reload is logged once as an error naming the setting, and readers go on with the value
/// they had. Reads are a field read, so it is fine per call.
/// </summary>
/// <remarks>
/// Hand-written because the framework has no such thing: its <c>OptionsMonitor</c> drops its cached value on a change,
/// so after an invalid reload every <c>CurrentValue</c> throws <see cref="OptionsValidationException"/> (into a grain
/// call or a request) until configuration is fixed, and the exception also escapes into the configuration's reload.
/// The first value is built when the monitor is, as the framework builds it, so an invalid configuration still stops
/// the start (<c>ValidateOnStart</c> reads through this monitor).
/// </remarks>
public sealed partial class LastValidOptionsMonitor<TOptions> : IOptionsMonitor<TOptions>, IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly ILogger<LastValidOptionsMonitor<TOptions>> _logger;
    private readonly ConcurrentDictionary<string, TOptions> _values = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _gate = new();
    private Action<TOptions, string?>[] _listeners = [];
    private volatile TOptions? _default;

    public LastValidOptionsMonitor(
        IOptionsFactory<TOptions> factory, IEnumerable<IOptionsChangeTokenSource<TOptions>> sources, ILogger<LastValidOptionsMonitor<TOptions>> logger)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));

        // Built now, so there is a last valid value before the first change (an invalid one throws, as at start it should).
        _ = Get(Options.DefaultName);
        foreach (var source in sources)
        {
            _registrations.Add(Microsoft.Extensions.Primitives.ChangeToken.OnChange(source.GetChangeToken, Reload, source.Name));
        }
    }

    public TOptions CurrentValue => _default ?? Get(Options.DefaultName);

    public TOptions Get(string? name)
    {
        name ??= Options.DefaultName;
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        lock (_gate)
        {
            // The first read builds and validates as the framework does: a mistake at start throws, and stops the host.
            if (!_values.TryGetValue(name, out value))
            {
                value = _factory.Create(name);
                Store(name, value);
            }

            return value;
        }
    }

    public IDisposable? OnChange(Action<TOptions, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => l != listener)];
            }
        });
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    /// <summary>Rebuilds the values read so far; a value that fails to bind or validate is logged and the old one kept.</summary>
    private void Reload(string? name)
    {
        var changed = new List<(string Name, TOptions Value)>();
        lock (_gate)
        {
            foreach (var loaded in _values.Keys.Where(k => name is null || k == name).ToList())
            {
                if (TryCreate(loaded) is { } value)
                {
                    Store(loaded, value);
                    changed.Add((loaded, value));
                }
            }
        }

        var listeners = _listeners;
        foreach (var (loaded, value) in changed)
        {
            foreach (var listener in listeners)
            {
                listener(value, loaded);
            }
        }
    }

    private TOptions? TryCreate(string name)
    {
        try
        {
            return _factory.Create(name);
        }
        catch (OptionsValidationException rejected)
        {
            LogRejected(typeof(TOptions).Name, string.Join(" ", rejected.Failures));
        }
        catch (InvalidOperationException unbound)
        {
            // The binder's own failure ("Failed to convert configuration value at 'RecoveryCluster:…'") names the setting.
            LogRejected(typeof(TOptions).Name, unbound.Message);
        }

        return null;
    }

    private void Store(string name, TOptions value)
    {
        _values[name] = value;
        if (name == Options.DefaultName)
        {
            _default = value;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration change to {Options} rejected; the last valid values stay in force. {Failure}")]
    private partial void LogRejected(string options, string failure);

    private sealed class Subscription(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
