namespace RecoveryCluster.Grains;

/// <summary>
/// Writes a grain's state on a timer and on deactivation instead of on every change: for hot grains whose state is
/// derived (statistics, the error index), where losing the last moment on a crash is cheaper than a write per call.
/// </summary>
internal sealed class DeferredStateWrite<TState>(IPersistentState<TState> state)
{
    private bool _dirty;

    public void Start(IGrainBase grain, TimeSpan every) =>
        grain.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions { DueTime = every, Period = every, Interleave = false });

    public void MarkDirty() => _dirty = true;

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
