using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.Grains.CircuitBreaker;

/// <summary>
/// The breaker's state machine and its selective-recording rules. Every method takes the time explicitly and says
/// whether the state transitioned, so the grain knows when to notify subscribers.
/// </summary>
public sealed class CircuitBreakerPolicy(CircuitBreakerOptions options)
{
    private const int SamplingBuckets = 10;
    private const int MaxFailureTextLength = 512;

    public CircuitBreakerOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Moves an open circuit whose recovery timeout has passed to half-open and gives back expired probe permits.</summary>
    public bool Refresh(CircuitBreakerState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var transitioned = false;
        if (state.State == CircuitState.Open && state.RetryAfter is { } retryAfter && now >= retryAfter)
        {
            state.State = CircuitState.HalfOpen;
            state.ProbePermits.Clear();
            state.ProbeSuccesses = 0;
            MarkTransition(state, now);
            transitioned = true;
        }

        if (state.State == CircuitState.HalfOpen && state.ProbePermits.Count > 0)
        {
            foreach (var expired in state.ProbePermits.Where(p => p.Value <= now).Select(p => p.Key).ToList())
            {
                state.ProbePermits.Remove(expired);
            }
        }

        return transitioned;
    }

    /// <summary>
    /// Selective recording: count anything in half-open, severe or critical failures, crashes, medium
    /// failures on critical operations, and a worker's consecutive failures of the same type; skip isolated mild
    /// failures. A failure recovered at level 1 ends its worker's chain through the recovery's success
    /// (<see cref="RecordProbeSuccess"/>), so the next mild one is isolated again.
    /// </summary>
    public bool ShouldCount(CircuitBreakerState state, FailureSignal failure)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(failure);
        if (state.State == CircuitState.HalfOpen || failure.Severity >= ErrorSeverity.High || failure.IsCrash)
        {
            return true;
        }

        if (failure.Severity == ErrorSeverity.Medium && failure.IsCriticalOperation)
        {
            return true;
        }

        return state.LastFailureByWorker.TryGetValue(failure.WorkerId, out var last) && last.Type == failure.Type;
    }

    public (bool Counted, bool Transitioned) RecordFailure(CircuitBreakerState state, FailureSignal failure, DateTimeOffset now)
    {
        var transitioned = Refresh(state, now);
        var counted = ShouldCount(state, failure);
        RememberWorker(state, failure, now);
        if (!counted)
        {
            return (false, transitioned);
        }

        state.LastFailure = Describe(failure);
        switch (state.State)
        {
            case CircuitState.HalfOpen:
                Open(state, now);
                return (true, true);
            case CircuitState.Closed:
                state.ConsecutiveFailures++;
                state.ChainReporters.Add(failure.WorkerId);
                AddToWindow(state, now, failures: 1, successes: 0);
                state.WindowReporters[failure.WorkerId] = now;
                if (ShouldOpen(state, now))
                {
                    Open(state, now);
                    return (true, true);
                }

                return (true, transitioned);
            default:
                return (true, transitioned);
        }
    }

    /// <summary>
    /// Batched successes of a worker. In closed they end chains and fill the window; in half-open they prove nothing
    /// about the component now (the calls were let through while the worker saw the circuit closed), so only a probe's
    /// own success (<see cref="RecordProbeSuccess"/>) counts there.
    /// </summary>
    public bool RecordSuccess(CircuitBreakerState state, string workerId, int count, DateTimeOffset now)
    {
        var transitioned = Refresh(state, now);
        state.LastFailureByWorker.Remove(workerId);
        if (state.State == CircuitState.Closed)
        {
            state.ConsecutiveFailures = 0;
            state.ChainReporters.Clear();
            AddToWindow(state, now, failures: 0, successes: count);
        }

        return transitioned;
    }

    /// <summary>
    /// The success of a call made with a probe permit: in half-open it counts toward closing if the worker still holds
    /// its permit (an expired permit's late success does not); in closed it is one more success.
    /// </summary>
    public bool RecordProbeSuccess(CircuitBreakerState state, string workerId, DateTimeOffset now)
    {
        var transitioned = Refresh(state, now);
        if (state.State != CircuitState.HalfOpen)
        {
            return RecordSuccess(state, workerId, 1, now) || transitioned;
        }

        state.LastFailureByWorker.Remove(workerId);
        if (state.ProbePermits.Remove(workerId))
        {
            state.ProbeSuccesses++;
            if (state.ProbeSuccesses >= Options.SuccessesToClose)
            {
                Close(state, now);
                transitioned = true;
            }
        }

        return transitioned;
    }

    /// <summary>Closed: granted without a permit. Half-open: granted while fewer than the maximum permits are held. Otherwise refused.</summary>
    /// <summary>Takes back a worker's probe permit with no verdict, so another call can probe now rather than after the permit expires.</summary>
    public bool ReleaseProbe(CircuitBreakerState state, string workerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var transitioned = Refresh(state, now);
        state.ProbePermits.Remove(workerId);
        return transitioned;
    }

    public (bool Granted, bool Transitioned) TryAcquireProbe(CircuitBreakerState state, string workerId, DateTimeOffset now)
    {
        var transitioned = Refresh(state, now);
        switch (state.State)
        {
            case CircuitState.Closed:
                return (true, transitioned);
            case CircuitState.HalfOpen:
                if (state.ProbePermits.ContainsKey(workerId) || state.ProbePermits.Count < Options.HalfOpenMaxProbes)
                {
                    state.ProbePermits[workerId] = now + Options.ProbePermitTimeout;
                    return (true, transitioned);
                }

                return (false, transitioned);
            default:
                return (false, transitioned);
        }
    }

    public void Isolate(CircuitBreakerState state, string reason, DateTimeOffset now)
    {
        Clear(state);
        state.State = CircuitState.Isolated;
        state.OpenedAt = now;
        state.IsolationReason = reason;
        MarkTransition(state, now);
    }

    /// <summary>An operator's reset: closed, with every count and remembered failure forgotten.</summary>
    public void Reset(CircuitBreakerState state, DateTimeOffset now)
    {
        Close(state, now);
        state.LastFailureByWorker.Clear();
        state.LastFailure = null;
    }

    public CircuitSnapshot Snapshot(string component, CircuitBreakerState state, DateTimeOffset now)
    {
        int counted, reporters;
        if (Options.Mode == CircuitBreakerMode.ConsecutiveFailures)
        {
            counted = state.ConsecutiveFailures;
            reporters = state.ChainReporters.Count;
        }
        else
        {
            var since = now - Options.SamplingDuration;
            var live = state.Buckets.Where(b => b.Start >= since).ToList();
            counted = live.Sum(b => b.Failures);
            reporters = live.Count == 0 ? 0 : state.WindowReporters.Count(r => r.Value >= live[0].Start);
        }

        return new CircuitSnapshot(
            component, state.State, state.Version, state.OpenedAt, state.RetryAfter, counted, reporters,
            state.ProbePermits.Count, state.ProbeSuccesses, state.IsolationReason ?? state.LastFailure, state.LastTransitionAt);
    }

    private bool ShouldOpen(CircuitBreakerState state, DateTimeOffset now)
    {
        if (Options.Mode == CircuitBreakerMode.ConsecutiveFailures)
        {
            return state.ConsecutiveFailures >= Options.FailureThreshold
                && state.ChainReporters.Count >= Options.MinDistinctReporters;
        }

        Prune(state, now);
        var failures = state.Buckets.Sum(b => b.Failures);
        var throughput = failures + state.Buckets.Sum(b => b.Successes);
        return throughput >= Options.MinimumThroughput
            && (double)failures / throughput >= Options.FailureRatio
            && state.WindowReporters.Count >= Options.MinDistinctReporters;
    }

    /// <summary>
    /// How long the circuit stays open after <paramref name="reopenings"/> failed probes in a row: short at first, so a
    /// brief fault costs callers little, and longer while the component stays down, up to <c>MaxRecoveryTimeout</c>.
    /// </summary>
    public TimeSpan OpenPeriod(int reopenings)
    {
        var cap = Math.Max(Options.MaxRecoveryTimeout.Ticks, Options.RecoveryTimeout.Ticks);
        var grown = Options.RecoveryTimeout.Ticks * Math.Pow(Options.RecoveryTimeoutGrowth, Math.Max(reopenings, 0));
        return TimeSpan.FromTicks((long)Math.Min(grown, cap));
    }

    private void Open(CircuitBreakerState state, DateTimeOffset now)
    {
        var reopenings = state.State == CircuitState.HalfOpen ? state.Reopenings + 1 : 0;
        Clear(state);
        state.State = CircuitState.Open;
        state.OpenedAt = now;
        state.Reopenings = reopenings;
        state.RetryAfter = now + OpenPeriod(reopenings);
        MarkTransition(state, now);
    }

    private static void Close(CircuitBreakerState state, DateTimeOffset now)
    {
        Clear(state);
        state.Reopenings = 0;
        state.State = CircuitState.Closed;
        MarkTransition(state, now);
    }

    private static void Clear(CircuitBreakerState state)
    {
        state.ConsecutiveFailures = 0;
        state.ChainReporters.Clear();
        state.Buckets.Clear();
        state.WindowReporters.Clear();
        state.ProbePermits.Clear();
        state.ProbeSuccesses = 0;
        state.OpenedAt = null;
        state.RetryAfter = null;
        state.IsolationReason = null;
    }

    private static void MarkTransition(CircuitBreakerState state, DateTimeOffset now)
    {
        state.Version++;
        state.LastTransitionAt = now;
    }

    private void RememberWorker(CircuitBreakerState state, FailureSignal failure, DateTimeOffset now)
    {
        if (!state.LastFailureByWorker.ContainsKey(failure.WorkerId) && state.LastFailureByWorker.Count >= Options.TrackedWorkers)
        {
            var oldest = state.LastFailureByWorker.MinBy(w => w.Value.At).Key;
            state.LastFailureByWorker.Remove(oldest);
        }

        state.LastFailureByWorker[failure.WorkerId] = new WorkerFailure { Type = failure.Type, At = now };
    }

    private void AddToWindow(CircuitBreakerState state, DateTimeOffset now, int failures, int successes)
    {
        if (Options.Mode != CircuitBreakerMode.FailureRatio)
        {
            return;
        }

        Prune(state, now);
        var width = Options.SamplingDuration / SamplingBuckets;
        var last = state.Buckets.Count > 0 ? state.Buckets[^1] : null;
        if (last is null || now >= last.Start + width)
        {
            last = new SamplingBucket { Start = now };
            state.Buckets.Add(last);
        }

        last.Failures += failures;
        last.Successes += successes;
    }

    /// <summary>
    /// Drops buckets that left the window, and with them the reporters whose last failure sat in one: a reporter
    /// counts toward the quorum exactly while its failure still counts toward the ratio.
    /// </summary>
    private void Prune(CircuitBreakerState state, DateTimeOffset now)
    {
        var since = now - Options.SamplingDuration;
        state.Buckets.RemoveAll(b => b.Start < since);
        var windowStart = state.Buckets.Count > 0 ? state.Buckets[0].Start : DateTimeOffset.MaxValue;
        foreach (var stale in state.WindowReporters.Where(r => r.Value < windowStart).Select(r => r.Key).ToList())
        {
            state.WindowReporters.Remove(stale);
        }
    }

    private static string Describe(FailureSignal failure)
    {
        var text = $"{failure.Type.ToName()} ({failure.Severity.ToString().ToLowerInvariant()}) from '{failure.WorkerId}'"
            + (string.IsNullOrEmpty(failure.Message) ? string.Empty : $": {failure.Message}");
        return text.Length <= MaxFailureTextLength ? text : text[..MaxFailureTextLength];
    }
}
