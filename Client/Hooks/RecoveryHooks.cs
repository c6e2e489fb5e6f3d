using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Hooks;

/// <summary>
/// Callbacks a worker registers to hear of its recoveries: errors (by type, or <c>"*"</c> for all), plans,
/// escalations and breaker transitions. Hooks run inline on the recovery path, so keep them short; a hook that
/// throws is logged and recovery carries on as if it had not run. Each registration returns a handle that removes it.
/// </summary>
public sealed partial class RecoveryHooks(ILogger<RecoveryHooks>? logger = null)
{
    /// <summary>The error type that matches every error.</summary>
    public const string AnyErrorType = "*";

    private readonly ILogger _logger = logger ?? NullLogger<RecoveryHooks>.Instance;
    private readonly Lock _gate = new();
    private ImmutableArray<(ErrorType? Type, Action<ErrorHookContext> Hook)> _errorHooks = [];
    private ImmutableArray<Action<PlanHookContext>> _planHooks = [];
    private ImmutableArray<Action<EscalationHookContext>> _escalationHooks = [];
    private ImmutableArray<Action<CircuitSnapshot>> _circuitHooks = [];

    /// <summary>Runs <paramref name="hook"/> for every failure of <paramref name="errorType"/> (a name such as <c>database</c>, or <c>"*"</c>).</summary>
    /// <exception cref="ArgumentException">The name is not an error type.</exception>
    public IDisposable OnError(string errorType, Action<ErrorHookContext> hook)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ArgumentNullException.ThrowIfNull(hook);
        ErrorType? type = null;
        if (errorType.Trim() != AnyErrorType)
        {
            type = ErrorTypeNames.Parse(errorType);
            if (type == ErrorType.Unknown && !string.Equals(errorType.Trim(), "unknown", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"'{errorType}' is not an error type; use one of {string.Join(", ", ErrorTypeNames.All.Select(t => t.ToName()))} or \"*\".", nameof(errorType));
            }
        }

        var entry = (type, hook);
        return Register(() => _errorHooks = _errorHooks.Add(entry), () => _errorHooks = _errorHooks.Remove(entry));
    }

    /// <summary>Runs <paramref name="hook"/> before each planned strategy runs.</summary>
    public IDisposable OnPlan(Action<PlanHookContext> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return Register(() => _planHooks = _planHooks.Add(hook), () => _planHooks = _planHooks.Remove(hook));
    }

    /// <summary>Runs <paramref name="hook"/> when a recovery ends in escalation.</summary>
    public IDisposable OnEscalation(Action<EscalationHookContext> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return Register(() => _escalationHooks = _escalationHooks.Add(hook), () => _escalationHooks = _escalationHooks.Remove(hook));
    }

    /// <summary>Runs <paramref name="hook"/> on every breaker transition this worker hears of.</summary>
    public IDisposable OnCircuitChange(Action<CircuitSnapshot> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return Register(() => _circuitHooks = _circuitHooks.Add(hook), () => _circuitHooks = _circuitHooks.Remove(hook));
    }

    internal void RaiseError(ErrorHookContext context)
    {
        foreach (var (type, hook) in _errorHooks)
        {
            if (type is null || type == context.Type)
            {
                Run(hook, context, "error");
            }
        }
    }

    internal void RaisePlan(PlanHookContext context)
    {
        foreach (var hook in _planHooks)
        {
            Run(hook, context, "plan");
        }
    }

    internal void RaiseEscalation(EscalationHookContext context)
    {
        foreach (var hook in _escalationHooks)
        {
            Run(hook, context, "escalation");
        }
    }

    internal void RaiseCircuitChange(CircuitSnapshot snapshot)
    {
        foreach (var hook in _circuitHooks)
        {
            Run(hook, snapshot, "circuit-change");
        }
    }

    private void Run<T>(Action<T> hook, T argument, string kind)
    {
        try
        {
            hook(argument);
        }
        catch (Exception error)
        {
            // A hook must never change how a recovery ends.
            LogHookFailed(kind, error);
        }
    }

    private Registration Register(Action add, Action remove)
    {
        lock (_gate)
        {
            add();
        }

        return new Registration(() =>
        {
            lock (_gate)
            {
                remove();
            }
        });
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A recovery {Kind} hook threw; recovery goes on unchanged")]
    private partial void LogHookFailed(string kind, Exception error);
}
