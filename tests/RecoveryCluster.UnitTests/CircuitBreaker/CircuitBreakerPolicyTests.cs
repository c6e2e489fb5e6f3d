using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains.CircuitBreaker;
using RecoveryCluster.Grains.Options;

namespace RecoveryCluster.UnitTests.CircuitBreaker;

public sealed class CircuitBreakerPolicyTests
{
    /// <summary>The open period these tests reason in (the shipped default is shorter; the state machine is the same).</summary>
    private static readonly TimeSpan OpenPeriod = TimeSpan.FromSeconds(60);

    private const string Component = "orders-db";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly CircuitBreakerState _state = new();

    private static FailureSignal Severe(string worker, ErrorType type = ErrorType.Network, string? message = "boom") =>
        new(worker, type, ErrorSeverity.High, message);

    private static FailureSignal Mild(
        string worker,
        ErrorSeverity severity = ErrorSeverity.Low,
        ErrorType type = ErrorType.Network,
        bool crash = false,
        bool criticalOperation = false) =>
        new(worker, type, severity, "flaky", crash, criticalOperation);

    private static string Alternate(int i) => i % 2 == 0 ? "worker-a" : "worker-b";

    private CircuitSnapshot Snapshot(CircuitBreakerPolicy policy, DateTimeOffset now) => policy.Snapshot(Component, _state, now);

    /// <summary>Opens a default-threshold consecutive-mode breaker at <paramref name="at"/> with severe failures from two workers.</summary>
    private void Open(CircuitBreakerPolicy policy, DateTimeOffset at)
    {
        for (var i = 0; i < policy.Options.FailureThreshold; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), at);
        }

        Assert.Equal(CircuitState.Open, _state.State);
    }

    /// <summary>Opens at T0 and moves to half-open at T0 + RecoveryTimeout; returns that time.</summary>
    private DateTimeOffset HalfOpen(CircuitBreakerPolicy policy)
    {
        Open(policy, T0);
        var at = T0 + policy.Options.RecoveryTimeout;
        Assert.True(policy.Refresh(_state, at));
        Assert.Equal(CircuitState.HalfOpen, _state.State);
        return at;
    }

    // ---- Consecutive mode --------------------------------------------------------------------------------

    [Fact]
    public void Opens_at_the_fifth_counted_failure_when_two_workers_report_them()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal((true, false), policy.RecordFailure(_state, Severe(Alternate(i)), T0));
            Assert.Equal(CircuitState.Closed, _state.State);
        }

        Assert.Equal(4, Snapshot(policy, T0).CountedFailures);
        Assert.Equal(2, Snapshot(policy, T0).DistinctReporters);

        Assert.Equal((true, true), policy.RecordFailure(_state, Severe("worker-a"), T0));

        var snapshot = Snapshot(policy, T0);
        Assert.Equal(CircuitState.Open, snapshot.State);
        Assert.Equal(T0, snapshot.OpenedAt);
        Assert.Equal(T0 + TimeSpan.FromSeconds(60), snapshot.RetryAfter);
        Assert.Equal(0, snapshot.CountedFailures);
        Assert.Equal(0, snapshot.DistinctReporters);
    }

    [Fact]
    public void Opens_at_a_configured_threshold()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, FailureThreshold = 3 });

        policy.RecordFailure(_state, Severe("worker-a"), T0);
        policy.RecordFailure(_state, Severe("worker-b"), T0);
        Assert.Equal(CircuitState.Closed, _state.State);
        policy.RecordFailure(_state, Severe("worker-a"), T0);

        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Stays_closed_when_one_worker_reports_twenty_severe_failures_with_a_quorum_of_two()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, MinDistinctReporters = 2 });
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal((true, false), policy.RecordFailure(_state, Severe("sick-worker"), T0 + TimeSpan.FromSeconds(i)));
        }

        var snapshot = Snapshot(policy, T0 + TimeSpan.FromSeconds(20));
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(20, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    [Fact]
    public void A_second_worker_completes_the_quorum_of_a_long_single_worker_chain()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, MinDistinctReporters = 2 });
        for (var i = 0; i < 20; i++)
        {
            policy.RecordFailure(_state, Severe("sick-worker"), T0);
        }

        Assert.Equal((true, true), policy.RecordFailure(_state, Severe("worker-b"), T0));
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Opens_on_one_workers_fifth_failure_with_a_quorum_of_one()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, MinDistinctReporters = 1 });
        for (var i = 0; i < 4; i++)
        {
            policy.RecordFailure(_state, Severe("sick-worker"), T0);
        }

        Assert.Equal(CircuitState.Closed, _state.State);
        Assert.Equal((true, true), policy.RecordFailure(_state, Severe("sick-worker"), T0));
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Needs_as_many_distinct_workers_as_the_quorum_says()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, MinDistinctReporters = 3 });
        for (var i = 0; i < 10; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        Assert.Equal(CircuitState.Closed, _state.State);
        policy.RecordFailure(_state, Severe("worker-c"), T0);
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void A_success_resets_the_consecutive_count_and_its_reporters()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        for (var i = 0; i < 4; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        Assert.False(policy.RecordSuccess(_state, "worker-c", 1, T0));
        Assert.Equal(0, Snapshot(policy, T0).CountedFailures);
        Assert.Equal(0, Snapshot(policy, T0).DistinctReporters);

        for (var i = 0; i < 4; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        Assert.Equal(CircuitState.Closed, _state.State);
        policy.RecordFailure(_state, Severe("worker-a"), T0);
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Severe_failures_while_open_neither_extend_nor_reopen_the_circuit()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);
        var version = _state.Version;

        var (_, transitioned) = policy.RecordFailure(_state, Severe("worker-c"), T0 + TimeSpan.FromSeconds(30));

        Assert.False(transitioned);
        Assert.Equal(CircuitState.Open, _state.State);
        Assert.Equal(T0 + TimeSpan.FromSeconds(60), _state.RetryAfter);
        Assert.Equal(version, _state.Version);
    }

    // ---- Open -> half-open -> closed / open ---------------------------------------------------------------

    [Fact]
    public void Moves_to_half_open_exactly_at_the_recovery_timeout_and_not_one_tick_before()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);
        var retryAfter = T0 + TimeSpan.FromSeconds(60);

        Assert.False(policy.Refresh(_state, retryAfter - Tick));
        Assert.Equal(CircuitState.Open, _state.State);

        Assert.True(policy.Refresh(_state, retryAfter));
        Assert.Equal(CircuitState.HalfOpen, _state.State);
        Assert.Equal(retryAfter, _state.LastTransitionAt);

        Assert.False(policy.Refresh(_state, retryAfter + TimeSpan.FromSeconds(1)));
        Assert.Equal(CircuitState.HalfOpen, _state.State);
    }

    [Fact]
    public void Uses_a_configured_recovery_timeout()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = TimeSpan.FromSeconds(10) });
        Open(policy, T0);

        Assert.Equal(T0 + TimeSpan.FromSeconds(10), _state.RetryAfter);
        Assert.False(policy.Refresh(_state, T0 + TimeSpan.FromSeconds(10) - Tick));
        Assert.True(policy.Refresh(_state, T0 + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_failure_arriving_after_the_recovery_timeout_meets_half_open_and_reopens()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);
        var version = _state.Version;
        var at = T0 + TimeSpan.FromSeconds(60);

        Assert.Equal((true, true), policy.RecordFailure(_state, Mild("worker-c"), at));

        Assert.Equal(CircuitState.Open, _state.State);
        Assert.Equal(at, _state.OpenedAt);
        Assert.Equal(at + TimeSpan.FromSeconds(60), _state.RetryAfter);
        Assert.Equal(version + 2, _state.Version); // open -> half-open -> open
    }

    [Fact]
    public void Each_failed_probe_reopens_for_longer_up_to_the_maximum_and_a_close_starts_short_again()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions
        {
            RecoveryTimeout = TimeSpan.FromSeconds(1),
            RecoveryTimeoutGrowth = 2,
            MaxRecoveryTimeout = TimeSpan.FromSeconds(5),
        });
        Open(policy, T0);
        Assert.Equal(T0 + TimeSpan.FromSeconds(1), _state.RetryAfter);

        var at = _state.RetryAfter!.Value;
        var periods = new List<TimeSpan>();
        for (var probe = 0; probe < 4; probe++)
        {
            // The probe fails the moment the circuit half-opens.
            policy.RecordFailure(_state, Mild("worker-c"), at);
            Assert.Equal(CircuitState.Open, _state.State);
            periods.Add(_state.RetryAfter!.Value - at);
            at = _state.RetryAfter.Value;
        }

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], periods);

        Assert.Equal((true, true), policy.TryAcquireProbe(_state, "worker-a", at));
        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-b", at));
        policy.RecordProbeSuccess(_state, "worker-a", at);
        policy.RecordProbeSuccess(_state, "worker-b", at);
        Assert.Equal(CircuitState.Closed, _state.State);

        Open(policy, at + TimeSpan.FromSeconds(1));
        Assert.Equal(_state.OpenedAt + TimeSpan.FromSeconds(1), _state.RetryAfter);
    }

    [Fact]
    public void Half_open_grants_at_most_the_configured_number_of_probe_permits()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, HalfOpenMaxProbes = 2 });
        var at = HalfOpen(policy);

        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-a", at));
        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-b", at));
        Assert.Equal((false, false), policy.TryAcquireProbe(_state, "worker-c", at));

        // A holder asking again keeps its one permit.
        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-a", at));
        Assert.Equal(2, Snapshot(policy, at).ProbesInFlight);
    }

    [Fact]
    public void Half_open_with_one_probe_refuses_the_second_worker()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, HalfOpenMaxProbes = 1 });
        var at = HalfOpen(policy);

        Assert.True(policy.TryAcquireProbe(_state, "worker-a", at).Granted);
        Assert.False(policy.TryAcquireProbe(_state, "worker-b", at).Granted);
    }

    [Fact]
    public void Asking_for_a_probe_after_the_recovery_timeout_moves_to_half_open_and_grants_it()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);

        Assert.Equal((false, false), policy.TryAcquireProbe(_state, "worker-a", T0 + TimeSpan.FromSeconds(60) - Tick));
        Assert.Equal((true, true), policy.TryAcquireProbe(_state, "worker-a", T0 + TimeSpan.FromSeconds(60)));
        Assert.Equal(CircuitState.HalfOpen, _state.State);
    }

    [Fact]
    public void A_closed_circuit_grants_probes_without_holding_a_permit()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-a", T0));
        Assert.Equal(0, Snapshot(policy, T0).ProbesInFlight);
    }

    [Fact]
    public void Open_and_isolated_circuits_refuse_probes()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);
        Assert.Equal((false, false), policy.TryAcquireProbe(_state, "worker-a", T0 + TimeSpan.FromSeconds(1)));

        policy.Isolate(_state, "maintenance", T0 + TimeSpan.FromSeconds(2));
        Assert.Equal((false, false), policy.TryAcquireProbe(_state, "worker-a", T0 + TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Probe_holders_successes_close_the_circuit_after_the_configured_count()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 2, HalfOpenMaxProbes = 2 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        policy.TryAcquireProbe(_state, "worker-b", at);

        Assert.False(policy.RecordProbeSuccess(_state, "worker-a", at));
        var snapshot = Snapshot(policy, at);
        Assert.Equal(CircuitState.HalfOpen, snapshot.State);
        Assert.Equal(1, snapshot.ProbeSuccesses);
        Assert.Equal(1, snapshot.ProbesInFlight);

        Assert.True(policy.RecordProbeSuccess(_state, "worker-b", at));
        snapshot = Snapshot(policy, at);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(0, snapshot.ProbeSuccesses);
        Assert.Equal(0, snapshot.ProbesInFlight);
        Assert.Null(snapshot.OpenedAt);
        Assert.Null(snapshot.RetryAfter);
    }

    [Fact]
    public void A_single_required_success_closes_on_the_first_probe_success()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 1 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);

        Assert.True(policy.RecordProbeSuccess(_state, "worker-a", at));
        Assert.Equal(CircuitState.Closed, _state.State);
    }

    [Fact]
    public void A_holder_whose_probe_succeeded_may_probe_again_toward_closing()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 3, HalfOpenMaxProbes = 1 });
        var at = HalfOpen(policy);

        for (var i = 0; i < 2; i++)
        {
            Assert.True(policy.TryAcquireProbe(_state, "worker-a", at).Granted);
            Assert.False(policy.RecordProbeSuccess(_state, "worker-a", at));
        }

        Assert.True(policy.TryAcquireProbe(_state, "worker-a", at).Granted);
        Assert.True(policy.RecordProbeSuccess(_state, "worker-a", at));
        Assert.Equal(CircuitState.Closed, _state.State);
    }

    [Fact]
    public void A_success_from_a_worker_without_a_permit_does_not_count_toward_closing()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 1 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);

        Assert.False(policy.RecordSuccess(_state, "worker-b", 5, at));

        var snapshot = Snapshot(policy, at);
        Assert.Equal(CircuitState.HalfOpen, snapshot.State);
        Assert.Equal(0, snapshot.ProbeSuccesses);
        Assert.Equal(1, snapshot.ProbesInFlight);
    }

    [Fact]
    public void A_batched_success_of_a_permit_holder_is_not_its_probe_success()
    {
        // Successes of calls let through while the worker saw the circuit closed, sent after it got a permit.
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 1 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);

        Assert.False(policy.RecordSuccess(_state, "worker-a", 10, at));
        Assert.Equal(0, _state.ProbeSuccesses);
        Assert.Equal(1, Snapshot(policy, at).ProbesInFlight);
        Assert.Equal(CircuitState.HalfOpen, _state.State);

        Assert.True(policy.RecordProbeSuccess(_state, "worker-a", at));
        Assert.Equal(CircuitState.Closed, _state.State);
    }

    [Fact]
    public void A_probe_success_in_closed_counts_as_one_success_and_in_open_as_nothing()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, FailureThreshold = 2 });
        policy.RecordFailure(_state, Severe("worker-a"), T0);
        Assert.False(policy.RecordProbeSuccess(_state, "worker-b", T0));
        Assert.Equal(0, _state.ConsecutiveFailures);

        policy.RecordFailure(_state, Severe("worker-a"), T0);
        policy.RecordFailure(_state, Severe("worker-b"), T0);
        Assert.Equal(CircuitState.Open, _state.State);
        Assert.False(policy.RecordProbeSuccess(_state, "worker-a", T0));
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Theory]
    [InlineData(ErrorSeverity.Info, false)]
    [InlineData(ErrorSeverity.Low, false)]
    [InlineData(ErrorSeverity.Medium, false)]
    [InlineData(ErrorSeverity.High, false)]
    [InlineData(ErrorSeverity.Critical, false)]
    [InlineData(ErrorSeverity.Low, true)]
    public void Any_failure_in_half_open_is_counted_and_reopens(ErrorSeverity severity, bool fromProbeHolder)
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        var failureAt = at + TimeSpan.FromSeconds(1);

        var result = policy.RecordFailure(_state, Mild(fromProbeHolder ? "worker-a" : "worker-z", severity), failureAt);

        Assert.Equal((true, true), result);
        var snapshot = Snapshot(policy, failureAt);
        Assert.Equal(CircuitState.Open, snapshot.State);
        Assert.Equal(failureAt, snapshot.OpenedAt);
        Assert.Equal(failureAt + TimeSpan.FromSeconds(60), snapshot.RetryAfter);
        Assert.Equal(0, snapshot.ProbesInFlight);
        Assert.Equal(0, snapshot.ProbeSuccesses);
    }

    [Fact]
    public void A_failure_after_a_probe_success_still_reopens()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 2 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        policy.RecordProbeSuccess(_state, "worker-a", at);

        policy.RecordFailure(_state, Mild("worker-b"), at);

        Assert.Equal(CircuitState.Open, _state.State);
        Assert.Equal(0, _state.ProbeSuccesses);
    }

    [Fact]
    public void Expired_probe_permits_are_given_back_after_the_permit_timeout()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, HalfOpenMaxProbes = 2, ProbePermitTimeout = TimeSpan.FromSeconds(30) });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        policy.TryAcquireProbe(_state, "worker-b", at);
        var expiry = at + TimeSpan.FromSeconds(30);

        Assert.Equal((false, false), policy.TryAcquireProbe(_state, "worker-c", expiry - Tick));
        Assert.Equal(2, Snapshot(policy, expiry - Tick).ProbesInFlight);

        Assert.Equal((true, false), policy.TryAcquireProbe(_state, "worker-c", expiry));
        Assert.Equal(1, Snapshot(policy, expiry).ProbesInFlight);
        Assert.Equal(["worker-c"], _state.ProbePermits.Keys);
    }

    [Fact]
    public void Refresh_gives_back_expired_permits_without_a_transition()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, ProbePermitTimeout = TimeSpan.FromSeconds(5) });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        var version = _state.Version;

        Assert.False(policy.Refresh(_state, at + TimeSpan.FromSeconds(5)));

        Assert.Empty(_state.ProbePermits);
        Assert.Equal(version, _state.Version);
        Assert.Equal(CircuitState.HalfOpen, _state.State);
    }

    [Fact]
    public void A_holder_asking_again_extends_its_permit()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, HalfOpenMaxProbes = 1, ProbePermitTimeout = TimeSpan.FromSeconds(30) });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        policy.TryAcquireProbe(_state, "worker-a", at + TimeSpan.FromSeconds(20));

        Assert.False(policy.TryAcquireProbe(_state, "worker-b", at + TimeSpan.FromSeconds(30)).Granted);
        Assert.True(policy.TryAcquireProbe(_state, "worker-b", at + TimeSpan.FromSeconds(50)).Granted);
    }

    [Fact]
    public void A_holder_whose_permit_expired_does_not_count_its_late_success()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 1, ProbePermitTimeout = TimeSpan.FromSeconds(30) });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);

        Assert.False(policy.RecordProbeSuccess(_state, "worker-a", at + TimeSpan.FromSeconds(30)));
        Assert.Equal(CircuitState.HalfOpen, _state.State);
        Assert.Equal(0, _state.ProbeSuccesses);
    }

    // ---- Failure-ratio mode ------------------------------------------------------------------------------

    private static CircuitBreakerPolicy RatioPolicy(int minimumThroughput = 10, double ratio = 0.5, int quorum = 2) =>
        new(new CircuitBreakerOptions
        {
            Mode = CircuitBreakerMode.FailureRatio,
            MinimumThroughput = minimumThroughput,
            FailureRatio = ratio,
            MinDistinctReporters = quorum,
            SamplingDuration = TimeSpan.FromSeconds(30),
        });

    [Fact]
    public void Ratio_mode_does_not_open_below_the_minimum_throughput()
    {
        var policy = RatioPolicy(minimumThroughput: 10);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal((true, false), policy.RecordFailure(_state, Severe(Alternate(i)), T0));
        }

        var snapshot = Snapshot(policy, T0);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(9, snapshot.CountedFailures);
        Assert.Equal(2, snapshot.DistinctReporters);

        Assert.Equal((true, true), policy.RecordFailure(_state, Severe("worker-a"), T0));
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Ratio_mode_opens_when_failures_reach_the_ratio_of_the_calls()
    {
        var policy = RatioPolicy(minimumThroughput: 10, ratio: 0.5);
        policy.RecordSuccess(_state, "worker-c", 6, T0);
        for (var i = 0; i < 5; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        // 5 failures of 11 calls: 0.4545 < 0.5.
        Assert.Equal(CircuitState.Closed, _state.State);

        // 6 of 12: exactly 0.5.
        Assert.Equal((true, true), policy.RecordFailure(_state, Severe("worker-b"), T0));
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Ratio_mode_successes_do_not_reset_the_window()
    {
        var policy = RatioPolicy(minimumThroughput: 4, ratio: 0.5);
        policy.RecordFailure(_state, Severe("worker-a"), T0);
        policy.RecordSuccess(_state, "worker-c", 1, T0);
        policy.RecordSuccess(_state, "worker-c", 1, T0);

        Assert.Equal(1, Snapshot(policy, T0).CountedFailures);
        policy.RecordFailure(_state, Severe("worker-b"), T0);
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Ratio_mode_stays_closed_when_one_worker_reports_every_failure_with_a_quorum_of_two()
    {
        var policy = RatioPolicy(quorum: 2);
        for (var i = 0; i < 30; i++)
        {
            policy.RecordFailure(_state, Severe("sick-worker"), T0);
        }

        var snapshot = Snapshot(policy, T0);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(30, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    [Fact]
    public void Ratio_mode_opens_on_one_workers_failures_with_a_quorum_of_one()
    {
        var policy = RatioPolicy(quorum: 1);
        for (var i = 0; i < 9; i++)
        {
            policy.RecordFailure(_state, Severe("sick-worker"), T0);
        }

        Assert.Equal(CircuitState.Closed, _state.State);
        policy.RecordFailure(_state, Severe("sick-worker"), T0);
        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Ratio_mode_forgets_failures_older_than_the_sampling_duration()
    {
        var policy = RatioPolicy(minimumThroughput: 10);
        for (var i = 0; i < 9; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        var later = T0 + TimeSpan.FromSeconds(30) + Tick;
        policy.RecordFailure(_state, Severe("worker-a"), later);

        var snapshot = Snapshot(policy, later);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(1, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    [Fact]
    public void Ratio_mode_still_counts_failures_exactly_one_sampling_duration_old()
    {
        var policy = RatioPolicy(minimumThroughput: 10);
        for (var i = 0; i < 9; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        policy.RecordFailure(_state, Severe("worker-a"), T0 + TimeSpan.FromSeconds(30));

        Assert.Equal(CircuitState.Open, _state.State);
    }

    [Fact]
    public void Ratio_mode_snapshot_leaves_out_calls_older_than_the_window()
    {
        var policy = RatioPolicy();
        policy.RecordFailure(_state, Severe("worker-a"), T0);
        policy.RecordFailure(_state, Severe("worker-b"), T0 + TimeSpan.FromSeconds(10));

        var at20 = Snapshot(policy, T0 + TimeSpan.FromSeconds(20));
        Assert.Equal((2, 2), (at20.CountedFailures, at20.DistinctReporters));

        var at35 = Snapshot(policy, T0 + TimeSpan.FromSeconds(35));
        Assert.Equal((1, 1), (at35.CountedFailures, at35.DistinctReporters));

        var at41 = Snapshot(policy, T0 + TimeSpan.FromSeconds(41));
        Assert.Equal((0, 0), (at41.CountedFailures, at41.DistinctReporters));
    }

    [Fact]
    public void Ratio_mode_quorum_counts_only_workers_behind_the_failures_still_in_the_window()
    {
        var policy = RatioPolicy(minimumThroughput: 10, quorum: 2);
        policy.RecordFailure(_state, Severe("worker-b"), T0);
        policy.RecordFailure(_state, Severe("worker-a"), T0 + TimeSpan.FromSeconds(2)); // lands in the bucket that started at T0

        var later = T0 + TimeSpan.FromSeconds(31); // the T0 bucket (with worker-a's failure) has left the window
        for (var i = 0; i < 10; i++)
        {
            policy.RecordFailure(_state, Severe("worker-b"), later);
        }

        var snapshot = Snapshot(policy, later);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(10, snapshot.CountedFailures);
        Assert.Equal(1, snapshot.DistinctReporters);
    }

    // ---- Selective recording -----------------------------------------------------------------------------

    [Theory]
    [InlineData(ErrorSeverity.Info)]
    [InlineData(ErrorSeverity.Low)]
    [InlineData(ErrorSeverity.Medium)]
    public void An_isolated_mild_failure_is_not_counted(ErrorSeverity severity)
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.Equal((false, false), policy.RecordFailure(_state, Mild("worker-a", severity), T0));

        var snapshot = Snapshot(policy, T0);
        Assert.Equal(0, snapshot.CountedFailures);
        Assert.Null(snapshot.LastFailure);
    }

    [Theory]
    [InlineData(ErrorSeverity.High)]
    [InlineData(ErrorSeverity.Critical)]
    public void A_severe_failure_is_always_counted(ErrorSeverity severity)
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.Equal((true, false), policy.RecordFailure(_state, Mild("worker-a", severity), T0));
        Assert.Equal(1, Snapshot(policy, T0).CountedFailures);
    }

    [Theory]
    [InlineData(ErrorSeverity.Info)]
    [InlineData(ErrorSeverity.Low)]
    [InlineData(ErrorSeverity.Medium)]
    public void A_crash_is_counted_whatever_its_severity(ErrorSeverity severity)
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.True(policy.RecordFailure(_state, Mild("worker-a", severity, crash: true), T0).Counted);
    }

    [Fact]
    public void A_medium_failure_on_a_critical_operation_is_counted()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.True(policy.RecordFailure(_state, Mild("worker-a", ErrorSeverity.Medium, criticalOperation: true), T0).Counted);
    }

    [Theory]
    [InlineData(ErrorSeverity.Info)]
    [InlineData(ErrorSeverity.Low)]
    public void A_low_or_info_failure_on_a_critical_operation_is_not_counted(ErrorSeverity severity)
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.False(policy.RecordFailure(_state, Mild("worker-a", severity, criticalOperation: true), T0).Counted);
    }

    [Fact]
    public void A_workers_second_consecutive_failure_of_the_same_type_is_counted()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });

        Assert.False(policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Timeout), T0).Counted);
        Assert.True(policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Timeout), T0 + TimeSpan.FromSeconds(1)).Counted);
        Assert.True(policy.RecordFailure(_state, Mild("worker-a", ErrorSeverity.Info, ErrorType.Timeout), T0 + TimeSpan.FromSeconds(2)).Counted);
        Assert.Equal(2, Snapshot(policy, T0).CountedFailures);
    }

    [Fact]
    public void A_mild_failure_after_a_severe_one_of_the_same_type_is_counted()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Severe("worker-a", ErrorType.Database), T0);

        Assert.True(policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Database), T0).Counted);
    }

    [Fact]
    public void Consecutive_mild_failures_of_different_types_are_not_counted()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Timeout), T0);

        Assert.False(policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Database), T0).Counted);
        Assert.False(policy.RecordFailure(_state, Mild("worker-a", type: ErrorType.Timeout), T0).Counted);
    }

    [Fact]
    public void Mild_failures_of_the_same_type_from_different_workers_are_not_counted()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Mild("worker-a"), T0);

        Assert.False(policy.RecordFailure(_state, Mild("worker-b"), T0).Counted);
    }

    [Fact]
    public void A_workers_success_ends_its_chain_of_mild_failures()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Mild("worker-a"), T0);
        policy.RecordSuccess(_state, "worker-a", 1, T0);

        Assert.False(policy.RecordFailure(_state, Mild("worker-a"), T0).Counted);
    }

    [Fact]
    public void Another_workers_success_does_not_end_a_workers_chain()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Mild("worker-a"), T0);
        policy.RecordSuccess(_state, "worker-b", 1, T0);

        Assert.True(policy.RecordFailure(_state, Mild("worker-a"), T0).Counted);
    }

    [Fact]
    public void Forgets_the_oldest_workers_last_failure_beyond_the_tracked_worker_limit()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, TrackedWorkers = 2 });
        policy.RecordFailure(_state, Mild("worker-a"), T0);
        policy.RecordFailure(_state, Mild("worker-b"), T0 + TimeSpan.FromSeconds(1));
        policy.RecordFailure(_state, Mild("worker-c"), T0 + TimeSpan.FromSeconds(2)); // evicts worker-a

        Assert.Equal(2, _state.LastFailureByWorker.Count);
        Assert.False(policy.RecordFailure(_state, Mild("worker-a"), T0 + TimeSpan.FromSeconds(3)).Counted); // evicts worker-b
        Assert.True(policy.RecordFailure(_state, Mild("worker-c"), T0 + TimeSpan.FromSeconds(4)).Counted);
        Assert.False(policy.RecordFailure(_state, Mild("worker-b"), T0 + TimeSpan.FromSeconds(5)).Counted);
    }

    [Fact]
    public void Judging_a_failure_does_not_change_the_state()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        var failure = Mild("worker-a");

        Assert.False(policy.ShouldCount(_state, failure));
        Assert.False(policy.ShouldCount(_state, failure));
        Assert.Empty(_state.LastFailureByWorker);
        Assert.Equal(0, _state.ConsecutiveFailures);
    }

    // ---- Isolate and reset -------------------------------------------------------------------------------

    [Fact]
    public void Isolate_holds_the_circuit_isolated_with_the_reason_until_reset()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Severe("worker-a"), T0);
        var version = _state.Version;
        var at = T0 + TimeSpan.FromSeconds(5);

        policy.Isolate(_state, "disk replacement", at);

        var snapshot = Snapshot(policy, at);
        Assert.Equal(CircuitState.Isolated, snapshot.State);
        Assert.Equal(version + 1, snapshot.Version);
        Assert.Equal(at, snapshot.OpenedAt);
        Assert.Null(snapshot.RetryAfter);
        Assert.Equal("disk replacement", snapshot.LastFailure);
        Assert.Equal(0, snapshot.CountedFailures);
        Assert.Equal(at, snapshot.LastTransitionAt);

        // Time, failures and successes do not move an isolated circuit.
        Assert.False(policy.Refresh(_state, at + TimeSpan.FromDays(30)));
        Assert.False(policy.RecordFailure(_state, Severe("worker-b"), at + TimeSpan.FromDays(30)).Transitioned);
        Assert.False(policy.RecordSuccess(_state, "worker-b", 100, at + TimeSpan.FromDays(30)));
        Assert.Equal(CircuitState.Isolated, _state.State);
        Assert.Equal("disk replacement", Snapshot(policy, at).LastFailure);
    }

    [Fact]
    public void Isolate_gives_back_probe_permits()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);

        policy.Isolate(_state, "maintenance", at);

        Assert.Equal(0, Snapshot(policy, at).ProbesInFlight);
    }

    [Fact]
    public void Reset_closes_an_open_circuit_and_clears_its_counters()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Open(policy, T0);
        var version = _state.Version;
        var at = T0 + TimeSpan.FromSeconds(10);

        policy.Reset(_state, at);

        var snapshot = Snapshot(policy, at);
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Equal(version + 1, snapshot.Version);
        Assert.Null(snapshot.OpenedAt);
        Assert.Null(snapshot.RetryAfter);
        Assert.Equal(0, snapshot.CountedFailures);
        Assert.Equal(0, snapshot.DistinctReporters);
        Assert.Equal(at, snapshot.LastTransitionAt);
    }

    [Fact]
    public void Reset_clears_the_failures_counted_toward_opening()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        for (var i = 0; i < 4; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        policy.Reset(_state, T0);
        policy.RecordFailure(_state, Severe("worker-a"), T0);

        Assert.Equal(CircuitState.Closed, _state.State);
        Assert.Equal(1, Snapshot(policy, T0).CountedFailures);
    }

    [Fact]
    public void Reset_of_a_ratio_mode_circuit_empties_the_window()
    {
        var policy = RatioPolicy();
        for (var i = 0; i < 6; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        policy.Reset(_state, T0);

        Assert.Equal((0, 0), (Snapshot(policy, T0).CountedFailures, Snapshot(policy, T0).DistinctReporters));
    }

    [Fact]
    public void Reset_ends_an_isolation_and_drops_its_reason()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.Isolate(_state, "maintenance", T0);

        policy.Reset(_state, T0 + TimeSpan.FromMinutes(1));

        var snapshot = Snapshot(policy, T0 + TimeSpan.FromMinutes(1));
        Assert.Equal(CircuitState.Closed, snapshot.State);
        Assert.Null(snapshot.LastFailure);
        Assert.Null(snapshot.OpenedAt);
    }

    // ---- Versions and snapshots --------------------------------------------------------------------------

    [Fact]
    public void Version_increases_on_every_transition_and_only_then()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Assert.Equal(0, _state.Version);

        for (var i = 0; i < 4; i++)
        {
            policy.RecordFailure(_state, Severe(Alternate(i)), T0);
        }

        policy.RecordSuccess(_state, "worker-c", 1, T0);
        policy.TryAcquireProbe(_state, "worker-c", T0);
        Assert.Equal(0, _state.Version);

        Open(policy, T0);
        Assert.Equal(1, _state.Version);

        var halfOpenAt = T0 + TimeSpan.FromSeconds(60);
        policy.Refresh(_state, halfOpenAt);
        Assert.Equal(2, _state.Version);

        policy.TryAcquireProbe(_state, "worker-a", halfOpenAt);
        policy.TryAcquireProbe(_state, "worker-b", halfOpenAt);
        policy.RecordProbeSuccess(_state, "worker-a", halfOpenAt);
        Assert.Equal(2, _state.Version);
        policy.RecordProbeSuccess(_state, "worker-b", halfOpenAt);
        Assert.Equal(CircuitState.Closed, _state.State);
        Assert.Equal(3, _state.Version);

        policy.Isolate(_state, "maintenance", halfOpenAt);
        Assert.Equal(4, _state.Version);

        policy.Reset(_state, halfOpenAt);
        Assert.Equal(5, _state.Version);

        policy.Reset(_state, halfOpenAt);
        Assert.Equal(6, _state.Version);
    }

    [Fact]
    public void Snapshot_reports_every_field()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod, SuccessesToClose = 2 });
        var at = HalfOpen(policy);
        policy.TryAcquireProbe(_state, "worker-a", at);
        policy.TryAcquireProbe(_state, "worker-b", at);
        policy.RecordProbeSuccess(_state, "worker-a", at);

        var snapshot = Snapshot(policy, at);

        Assert.Equal(
            new CircuitSnapshot(
                Component,
                CircuitState.HalfOpen,
                Version: 2,
                OpenedAt: T0, // Refresh keeps both from the open state
                RetryAfter: T0 + TimeSpan.FromSeconds(60),
                CountedFailures: 0,
                DistinctReporters: 0,
                ProbesInFlight: 1,
                ProbeSuccesses: 1,
                LastFailure: "network (high) from 'worker-a': boom",
                LastTransitionAt: at),
            snapshot);
    }

    [Fact]
    public void Snapshot_of_a_closed_circuit_counts_failures_and_their_workers()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Severe("worker-a", ErrorType.Database, message: null), T0);
        policy.RecordFailure(_state, Severe("worker-a", ErrorType.Database, message: null), T0);
        policy.RecordFailure(_state, new FailureSignal("worker-b", ErrorType.Timeout, ErrorSeverity.Critical, "deadline exceeded"), T0);

        Assert.Equal(
            new CircuitSnapshot(Component, CircuitState.Closed, 0, null, null, 3, 2, 0, 0, "timeout (critical) from 'worker-b': deadline exceeded", null),
            Snapshot(policy, T0));
    }

    [Fact]
    public void Snapshot_describes_a_failure_without_a_message()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Severe("worker-a", ErrorType.Database, message: null), T0);

        Assert.Equal("database (high) from 'worker-a'", Snapshot(policy, T0).LastFailure);
    }

    [Fact]
    public void Snapshot_cuts_a_long_failure_description_at_512_characters()
    {
        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        policy.RecordFailure(_state, Severe("worker-a", message: new string('x', 2000)), T0);

        var lastFailure = Snapshot(policy, T0).LastFailure;

        Assert.NotNull(lastFailure);
        Assert.Equal(512, lastFailure.Length);
        Assert.StartsWith("network (high) from 'worker-a': xxx", lastFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_null_options_and_null_state()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new CircuitBreakerPolicy(null!)).ParamName);

        var policy = new CircuitBreakerPolicy(new CircuitBreakerOptions { RecoveryTimeout = OpenPeriod });
        Assert.Throws<ArgumentNullException>(() => policy.Refresh(null!, T0));
        Assert.Throws<ArgumentNullException>(() => policy.ShouldCount(_state, null!));
    }
}
