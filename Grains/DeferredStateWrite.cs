namespace RecoveryCluster.Grains;

/// <summary>
/// Writes a grain's state a while after it changed and on deactivation, instead of on every change: for hot grains
/// whose state is derived or not durable anyway (statistics, the error index, errors in memory), where losing the last
/// moment on a crash is cheaper than a write per call. The timer only runs while a change waits, so an idle grain costs
/// nothing.
/// </summary>
internal sealed class DeferredStateWrite<TState>(IPersistentState<TState> state)
{
    private IGrainTimer? _timer;
    private TimeSpan _delay;
    private bool _dirty;

    /// <param name="delay">How long after the first unwritten change the state is written.</param>
    public void Start(IGrainBase grain, TimeSpan delay)
    {
        _delay = delay;
        _timer = grain.RegisterGrainTimer(
            FlushAsync, new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    public void MarkDirty()
    {
        if (_dirty)
        {
            return;
        }

        _dirty = true;
        _timer?.Change(_delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forgets pending changes (the state was cleared or written another way).</summary>
    public void Discard() => _dirty = false;

    public async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        await state.WriteStateAsync();
    }

    public async Task FlushOnDeactivationAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync();
        }
        catch (OrleansException) when (cancellationToken.IsCancellationRequested || reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            // The silo is going away with its storage; the next changes rebuild what is lost.
        }
    }
}
