namespace RecoveryCluster.Worker.Faults;

/// <summary>
/// The time model: a fault lasts its duration whatever the callers do. A repair-only fault also ends when the repair
/// that fits its kind is applied; an overload lasts while callers exceed the component's capacity, and for a cool-down
/// after they stop.
/// </summary>
public sealed class TimedFault : Fault
{
    private readonly TimeProvider _time;
    private readonly long _planted;
    private readonly TimeSpan _duration;
    private readonly FaultOptions _options;
    private readonly double _capacity;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private TimeSpan? _repairedAt;
    private TimeSpan _lastOverloadedAt;

    public TimedFault(FaultPattern pattern, FailureKind kind, FailureIntensity intensity, FaultOptions options, double capacity, int seed, TimeProvider time)
        : base(pattern == FaultPattern.Slow ? FailureKind.Timeout : kind, intensity)
    {
        Pattern = pattern;
        _options = options;
        _capacity = capacity;
        _time = time;
        _random = new Random(seed);
        _duration = options.DurationOf(intensity);
        _planted = time.GetTimestamp();
    }

    public FaultPattern Pattern { get; }

    public override bool IsActive => Elapsed < End;

    public override string Label => Pattern.ToString();

    public override TimeSpan? Lasted => IsActive ? null : End;

    public override TimeSpan Length => End;

    private TimeSpan Elapsed => _time.GetElapsedTime(_planted);

    /// <summary>When the fault ends, as an offset from its start, by what is known now.</summary>
    private TimeSpan End
    {
        get
        {
            lock (_lock)
            {
                return EndLocked();
            }
        }
    }

    private TimeSpan EndLocked() => _repairedAt ?? (Pattern == FaultPattern.Overload
        ? TimeSpan.FromTicks(Math.Max(_duration.Ticks, (_lastOverloadedAt + _options.OverloadCooldown).Ticks))
        : _duration);

    public override FaultEffect OnCall(double callsPerSecond)
    {
        if (Pattern == FaultPattern.Overload && callsPerSecond > _capacity)
        {
            lock (_lock)
            {
                // Only load while the component is down keeps it down; a call after the end meets a healthy component.
                var now = Elapsed;
                if (_repairedAt is null && now < EndLocked())
                {
                    _lastOverloadedAt = now;
                }
            }
        }

        if (!IsActive)
        {
            return FaultEffect.Pass;
        }

        return Pattern switch
        {
            FaultPattern.Slow => FaultEffect.Hang,
            FaultPattern.Brownout => NextDouble() < _options.BrownoutFailureShare ? FaultEffect.Fail : FaultEffect.Pass,
            _ => FaultEffect.Fail,
        };
    }

    public override bool TryRepair(IReadOnlyCollection<FailureKind> kinds)
    {
        if (Pattern != FaultPattern.RepairOnly || !kinds.Contains(Kind))
        {
            return false;
        }

        lock (_lock)
        {
            var now = Elapsed;
            if (_repairedAt is not null || now >= _duration)
            {
                return false;
            }

            _repairedAt = now;
            return true;
        }
    }

    private double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
