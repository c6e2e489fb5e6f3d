namespace RecoveryCluster.Worker.Faults;

/// <summary>
/// Draws faults from a fixed seed: every <see cref="FaultOptions.Interval"/> each component gets a new fault with chance
/// <see cref="FaultOptions.Rate"/>. The draws depend on the seed and the settings alone, never on what the callers do,
/// so every arm of a comparison meets identical faults.
/// </summary>
public sealed class FailureInjector
{
    private readonly Random _random;
    private readonly FaultOptions _options;
    private readonly int _components;
    private readonly FaultPattern[] _patterns;
    private readonly FailureKind[] _kinds;
    private int _slot;

    public FailureInjector(int seed, FaultOptions options, int components)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(components);
        _random = new Random(seed);
        _options = options;
        _components = components;
        _patterns = options.Patterns.Count > 0 ? [.. options.Patterns.Distinct()] : Enum.GetValues<FaultPattern>();
        _kinds = options.Kinds.Count > 0 ? [.. options.Kinds.Distinct()] : Enum.GetValues<FailureKind>();
    }

    /// <summary>When the next interval starts, as an offset from the start of the run.</summary>
    public TimeSpan NextDue => _options.Interval * _slot;

    /// <summary>The faults due in the next interval, in order.</summary>
    public IReadOnlyList<ScheduledFault> NextInterval()
    {
        var slot = _slot++;
        var faults = new List<ScheduledFault>();
        for (var component = 0; component < _components; component++)
        {
            if (_random.NextDouble() >= _options.Rate)
            {
                continue;
            }

            var pattern = _patterns[_random.Next(_patterns.Length)];
            var kind = _kinds[_random.Next(_kinds.Length)];
            var roll = _random.NextDouble();
            var intensity = roll < _options.MildShare ? FailureIntensity.Mild
                : roll < _options.MildShare + _options.ModerateShare ? FailureIntensity.Moderate
                : FailureIntensity.Severe;
            faults.Add(new ScheduledFault(_options.Interval * slot, component, pattern, kind, intensity, _random.Next()));
        }

        return faults;
    }

    /// <summary>Every fault due within <paramref name="duration"/>.</summary>
    public static IReadOnlyList<ScheduledFault> Schedule(int seed, FaultOptions options, int components, TimeSpan duration)
    {
        var injector = new FailureInjector(seed, options, components);
        var intervals = (int)(duration / options.Interval);
        return [.. Enumerable.Range(0, intervals).SelectMany(_ => injector.NextInterval())];
    }
}
