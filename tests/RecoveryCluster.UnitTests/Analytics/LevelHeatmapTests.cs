using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Analytics;

namespace RecoveryCluster.UnitTests.Analytics;

public sealed class LevelHeatmapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 8, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_type_and_level_with_attempts_is_a_cell_carrying_attempts_errors_successes_and_mean_impact()
    {
        var records = new[]
        {
            Records.At(T0, "e1", ErrorType.Network, level: RecoveryLevel.Basic, success: false, impact: 0.2),
            Records.At(T0, "e1", ErrorType.Network, level: RecoveryLevel.Basic, success: false, impact: 0.4),
            Records.At(T0, "e2", ErrorType.Network, level: RecoveryLevel.Basic, success: true, impact: 0.6),
            Records.At(T0, "e1", ErrorType.Network, level: RecoveryLevel.Enhanced, success: true, impact: 0.9),
            Records.At(T0, "e3", ErrorType.Database, level: RecoveryLevel.Component, success: true, impact: 0.5),
        };

        var cells = LevelHeatmap.Compute(records);

        Assert.Equal(
            [
                new HeatmapCell("database", 3, 1, 1, 1, 0.5),
                new HeatmapCell("network", 1, 3, 2, 1, 0.4),
                new HeatmapCell("network", 2, 1, 1, 1, 0.9),
            ],
            cells.Select(c => c with { AverageImpact = Math.Round(c.AverageImpact, 9) }));
    }
}
