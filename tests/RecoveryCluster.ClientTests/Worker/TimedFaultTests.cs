using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Worker;
using RecoveryCluster.Worker.Faults;

namespace RecoveryCluster.ClientTests.Worker;

/// <summary>The time model of the demo's and the benchmark's injector, on a fake clock.</summary>
public sealed class TimedFaultTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FaultOptions _options = new() { ModerateDuration = TimeSpan.FromSeconds(3), OverloadCooldown = TimeSpan.FromSeconds(2) };

    [Fact]
    public void An_outage_fails_every_call_for_its_duration_however_many_calls_it_gets_and_then_passes()
    {
        var fault = Plant(FaultPattern.Outage);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(FaultEffect.Fail, fault.OnCall(callsPerSecond: 1));
        }

        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.True(fault.IsActive);
        Assert.Equal(FaultEffect.Fail, fault.OnCall(1));
        Assert.Null(fault.Lasted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(fault.IsActive);
        Assert.Equal(FaultEffect.Pass, fault.OnCall(1));
        Assert.Equal(TimeSpan.FromSeconds(3), fault.Lasted);
    }

    [Fact]
    public void A_repair_only_fault_survives_retries_and_other_repairs_and_ends_at_its_repair()
    {
        var fault = Plant(FaultPattern.RepairOnly, FailureKind.Crash);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(FaultEffect.Fail, fault.OnCall(1));
        }

        Assert.False(fault.TryRepair([FailureKind.ConnectionFailure, FailureKind.ApiError]));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(fault.IsActive);

        Assert.True(fault.TryRepair([FailureKind.Crash]));
        Assert.False(fault.IsActive);
        Assert.Equal(TimeSpan.FromSeconds(1), fault.Lasted);
        Assert.Equal(FaultEffect.Pass, fault.OnCall(1));
    }

    [Fact]
    public void An_outage_is_not_cleared_by_any_repair()
    {
        var fault = Plant(FaultPattern.Outage, FailureKind.ConnectionFailure);

        Assert.False(fault.TryRepair(Enum.GetValues<FailureKind>()));
        Assert.True(fault.IsActive);
    }

    [Fact]
    public void An_overload_lasts_while_the_calls_exceed_capacity_and_ends_a_cool_down_after_the_load_drops()
    {
        var fault = Plant(FaultPattern.Overload, capacity: 10);

        // Callers keep hammering past the fault's own duration: it stays down.
        for (var second = 0; second < 6; second++)
        {
            Assert.Equal(FaultEffect.Fail, fault.OnCall(callsPerSecond: 50));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(fault.IsActive);

        // The load drops: it recovers the cool-down (2 s) after the last overloaded call (at 5 s).
        Assert.Equal(FaultEffect.Fail, fault.OnCall(callsPerSecond: 5));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(fault.IsActive);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.False(fault.IsActive);
        Assert.Equal(TimeSpan.FromSeconds(7), fault.Lasted);
    }

    [Fact]
    public void An_overload_whose_callers_back_off_ends_with_its_duration()
    {
        var fault = Plant(FaultPattern.Overload, capacity: 10);

        Assert.Equal(FaultEffect.Fail, fault.OnCall(callsPerSecond: 3));
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(fault.IsActive);
        Assert.Equal(TimeSpan.FromSeconds(3), fault.Lasted);
    }

    [Fact]
    public void A_brownout_fails_about_its_share_of_calls_and_a_slow_fault_hangs_them()
    {
        var brownout = Plant(FaultPattern.Brownout);
        var failed = Enumerable.Range(0, 2000).Count(_ => brownout.OnCall(1) == FaultEffect.Fail);
        Assert.InRange(failed, 850, 1150);

        Assert.Equal(FaultEffect.Hang, Plant(FaultPattern.Slow).OnCall(1));
    }

    [Fact]
    public async Task A_component_counts_the_calls_it_takes_while_faulty_and_a_call_into_an_outage_throws_the_kinds_exception()
    {
        var component = new SimulatedComponent("db", _time, TimeSpan.Zero);
        Assert.Equal(1, await component.InvokeAsync(CancellationToken.None));

        component.Plant(Plant(FaultPattern.Outage, FailureKind.Crash));
        await Assert.ThrowsAsync<WorkerCrashException>(() => component.InvokeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<WorkerCrashException>(() => component.InvokeAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await component.InvokeAsync(CancellationToken.None));
        Assert.Equal(4, component.Calls);
        Assert.Equal(2, component.CallsWhileFaulty);
    }

    private TimedFault Plant(FaultPattern pattern, FailureKind kind = FailureKind.ApiError, double capacity = double.PositiveInfinity) =>
        new(pattern, kind, FailureIntensity.Moderate, _options, capacity, seed: 1, _time);
}
