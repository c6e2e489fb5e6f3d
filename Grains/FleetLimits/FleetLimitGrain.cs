using RecoveryCluster.FleetLimits;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>
/// One component's fleet limits: validates, lets <see cref="LeaseBook"/> size each worker's lease under the limits that
/// <see cref="AimdScale"/> puts in force, and persists the policy (the leases are renewed too often to be worth writing:
/// a new activation instead waits one lease duration before it hands out room it cannot account for).
/// </summary>
public sealed class FleetLimitGrain(
    [PersistentState("fleet-limit", StorageNames.Recovery)] IPersistentState<FleetLimitState> state,
    RecoveryClock clock) : Grain, IFleetLimitGrain
{
    /// <summary>Workers renew five times per lease, so one late or lost renewal never lets a lease lapse.</summary>
    private const int RenewalsPerLease = 5;

    /// <summary>Without limits or hedging a lease only keeps the worker subscribed to policy changes: renew rarely.</summary>
    private static readonly TimeSpan UnlimitedRenewPeriod = TimeSpan.FromSeconds(10);

    private readonly LeaseBook _book = new();
    private readonly AimdScale _aimd = new();
    private readonly HedgingDelays _delays = new();

    private string Component => this.GetPrimaryKeyString();

    private FleetLimitPolicy Policy => state.State.Policy;

    // Hedging learns from the renewals' latencies, so it keeps the policy's pace even without limits.
    private TimeSpan RenewPeriod => Policy.IsUnlimited && !state.State.Hedging.Enabled ? UnlimitedRenewPeriod : Policy.LeaseDuration / RenewalsPerLease;

    private TimeSpan LeaseDuration => RenewPeriod * RenewalsPerLease;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Guard.Key(Component, "component");
        if (!Policy.IsUnlimited)
        {
            _book.AssumeUnknownSharesUntil(clock.UtcNow + Policy.LeaseDuration);
        }

        return Task.CompletedTask;
    }

    public Task<LimitLease> AcquireAsync(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var now = clock.UtcNow;
        _aimd.Observe(request.Calls, request.Failures, request.TotalLatency);
        _aimd.Adjust(Policy, RenewPeriod, now);
        _delays.Report(request.WorkerId, request.Latencies, now);
        var granted = _book.Grant(request, _aimd.Concurrency(Policy), _aimd.Rate(Policy), LeaseDuration, now);
        return Task.FromResult(LeaseOf(granted, now));
    }

    public Task ReleaseAsync(string workerId)
    {
        Guard.Key(workerId, nameof(workerId));
        _book.Release(workerId);
        return Task.CompletedTask;
    }

    public Task<FleetLimitStatus> SetPolicyAsync(FleetLimitPolicy policy) => SetPoliciesAsync(policy, state.State.Hedging);

    public async Task<FleetLimitStatus> SetPoliciesAsync(FleetLimitPolicy policy, HedgingPolicy hedging)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hedging);
        policy.Validate();
        hedging.Validate();
        state.State.Policy = policy;
        state.State.Hedging = hedging;
        state.State.Version++;
        _aimd.Reset();
        await state.WriteStateAsync();

        // Every holder gets its lease under the new policy in the push itself, with no round trip back; a push that
        // is lost costs that worker one renewal period.
        var now = clock.UtcNow;
        foreach (var (_, granted) in _book.Reissue(_aimd.Concurrency(Policy), _aimd.Rate(Policy), LeaseDuration, now))
        {
            granted.Observer?.OnLeaseChanged(LeaseOf(granted, now));
        }

        return Status();
    }

    private LimitLease LeaseOf(GrantedLease granted, DateTimeOffset now)
    {
        var hedging = state.State.Hedging;
        return new LimitLease(
            Component, granted.Concurrency, granted.Rate, granted.ExpiresAt, RenewPeriod, state.State.Version,
            hedging.Enabled ? hedging : null, hedging.Enabled ? _delays.Delays(hedging, LeaseDuration, now) : null);
    }

    public Task<FleetLimitStatus> GetStatusAsync() => Task.FromResult(Status());

    private FleetLimitStatus Status() => new(
        Component, Policy, _aimd.Concurrency(Policy), _aimd.Rate(Policy), _aimd.Scale, _aimd.LastAdjustment,
        _book.Holders(clock.UtcNow), state.State.Version, _delays.Delays(state.State.Hedging, LeaseDuration, clock.UtcNow));
}
