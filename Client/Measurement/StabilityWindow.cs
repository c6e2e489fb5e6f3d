using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Measurement;

/// <summary>The component's operations after one recovery, until the window closes.</summary>
internal sealed class StabilityWindow(string component, ErrorType type, string strategyId, DateTimeOffset closesAt)
{
    private int _successes;
    private int _failures;

    public string Component { get; } = component;
    public ErrorType Type { get; } = type;
    public string StrategyId { get; } = strategyId;
    public DateTimeOffset ClosesAt { get; } = closesAt;

    public void Count(bool success)
    {
        if (success)
        {
            Interlocked.Increment(ref _successes);
        }
        else
        {
            Interlocked.Increment(ref _failures);
        }
    }

    /// <summary>Share of operations that succeeded; null when none ran (nothing was learned).</summary>
    public double? Score()
    {
        var s = Volatile.Read(ref _successes);
        var total = s + Volatile.Read(ref _failures);
        return total == 0 ? null : (double)s / total;
    }
}
