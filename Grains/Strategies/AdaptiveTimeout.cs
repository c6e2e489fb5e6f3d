namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// The adaptive timeout rule: after a success t = max(t·0.9, t_run·0.5, min), where t_run is the timeout
/// the attempt ran under (so a strategy that keeps succeeding converges to min); after a failure or a timeout
/// t = min(t·1.5, max).
/// </summary>
public static class AdaptiveTimeout
{
    public const double ShrinkFactor = 0.9;
    public const double GrowFactor = 1.5;
    public const double FloorShareOfRun = 0.5;

    public static TimeSpan Next(TimeSpan current, bool success, TimeSpan ranUnder, TimeSpan min, TimeSpan max)
    {
        if (success)
        {
            var shrunk = current * ShrinkFactor;
            var floor = ranUnder * FloorShareOfRun;
            return Max(Max(shrunk, floor), min);
        }

        var grown = current * GrowFactor;
        return grown < max ? grown : max;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
