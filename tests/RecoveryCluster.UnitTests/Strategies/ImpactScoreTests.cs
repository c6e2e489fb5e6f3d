using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;

namespace RecoveryCluster.UnitTests.Strategies;

public sealed class ImpactScoreTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void Adds_the_memory_cpu_time_and_task_parts()
    {
        var before = new ResourceUsage(CpuPercent: 20, MemoryPercent: 40);
        var after = new ResourceUsage(CpuPercent: 35, MemoryPercent: 30);

        var impact = ImpactScore.Compute(before, after, TimeSpan.FromSeconds(30), affectedTasks: 4, recoveredTasks: 1);

        // memory |30-40|/100 = 0.10; cpu |35-20|/100 = 0.15; time 30/240 = 0.125; tasks 0.25 * 3/4 * 4/10 = 0.075.
        Assert.Equal(0.10 + 0.15 + 0.125 + 0.075, impact, Precision);
        Assert.Equal(0.45, impact, Precision);
    }

    [Fact]
    public void A_recovery_that_disturbs_nothing_scores_zero()
    {
        var usage = new ResourceUsage(CpuPercent: 50, MemoryPercent: 50);

        Assert.Equal(0.0, ImpactScore.Compute(usage, usage, TimeSpan.Zero, affectedTasks: 3, recoveredTasks: 3), Precision);
    }

    [Theory]
    [InlineData(10.0, 20.0, 0.10)]
    [InlineData(20.0, 10.0, 0.10)]
    [InlineData(0.0, 25.0, 0.25)]
    [InlineData(0.0, 26.0, 0.25)]
    [InlineData(0.0, 100.0, 0.25)]
    public void Memory_part_is_the_absolute_change_over_one_hundred_capped_at_a_quarter(double before, double after, double expected)
    {
        var impact = ImpactScore.Compute(
            new ResourceUsage(CpuPercent: 0, MemoryPercent: before),
            new ResourceUsage(CpuPercent: 0, MemoryPercent: after),
            TimeSpan.Zero, affectedTasks: 0, recoveredTasks: 0);

        Assert.Equal(expected, impact, Precision);
    }

    [Theory]
    [InlineData(40.0, 45.0, 0.05)]
    [InlineData(45.0, 40.0, 0.05)]
    [InlineData(50.0, 75.0, 0.25)]
    [InlineData(0.0, 100.0, 0.25)]
    public void Cpu_part_is_the_absolute_change_over_one_hundred_capped_at_a_quarter(double before, double after, double expected)
    {
        var impact = ImpactScore.Compute(
            new ResourceUsage(CpuPercent: before, MemoryPercent: 0),
            new ResourceUsage(CpuPercent: after, MemoryPercent: 0),
            TimeSpan.Zero, affectedTasks: 0, recoveredTasks: 0);

        Assert.Equal(expected, impact, Precision);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(24.0, 0.1)]
    [InlineData(30.0, 0.125)]
    [InlineData(59.0, 59.0 / 240)]
    [InlineData(60.0, 0.25)]
    [InlineData(240.0, 0.25)]
    [InlineData(3600.0, 0.25)]
    public void Time_part_is_seconds_over_240_capped_at_a_quarter(double seconds, double expected)
    {
        var impact = ImpactScore.Compute(null, null, TimeSpan.FromSeconds(seconds), affectedTasks: 0, recoveredTasks: 0);

        Assert.Equal(expected, impact, Precision);
    }

    [Theory]
    [InlineData(10, 0, 0.25)]
    [InlineData(5, 0, 0.125)]
    [InlineData(1, 0, 0.025)]
    [InlineData(20, 10, 0.125)]
    [InlineData(100, 0, 0.25)]
    [InlineData(4, 1, 0.075)]
    [InlineData(8, 8, 0.0)]
    public void Task_part_is_a_quarter_times_the_unrecovered_share_times_affected_over_ten_capped_at_one(int affected, int recovered, double expected)
    {
        Assert.Equal(expected, ImpactScore.TaskImpact(affected, recovered), Precision);
        Assert.Equal(expected, ImpactScore.Compute(null, null, TimeSpan.Zero, affected, recovered), Precision);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(-3, 0)]
    public void Task_part_is_zero_without_affected_tasks(int affected, int recovered)
    {
        Assert.Equal(0.0, ImpactScore.TaskImpact(affected, recovered), Precision);
    }

    [Fact]
    public void Task_part_treats_more_recovered_than_affected_as_all_recovered()
    {
        Assert.Equal(0.0, ImpactScore.TaskImpact(affectedTasks: 4, recoveredTasks: 9), Precision);
    }

    [Fact]
    public void Missing_before_measurement_gives_zero_for_cpu_and_memory()
    {
        var after = new ResourceUsage(CpuPercent: 90, MemoryPercent: 90);

        Assert.Equal(0.0, ImpactScore.Compute(null, after, TimeSpan.Zero, 0, 0), Precision);
    }

    [Fact]
    public void Missing_after_measurement_gives_zero_for_cpu_and_memory()
    {
        var before = new ResourceUsage(CpuPercent: 90, MemoryPercent: 90);

        Assert.Equal(0.0, ImpactScore.Compute(before, null, TimeSpan.Zero, 0, 0), Precision);
    }

    [Fact]
    public void Missing_measurements_leave_the_time_and_task_parts()
    {
        var impact = ImpactScore.Compute(null, null, TimeSpan.FromSeconds(48), affectedTasks: 10, recoveredTasks: 5);

        // time 48/240 = 0.2; tasks 0.25 * 0.5 * 1 = 0.125.
        Assert.Equal(0.325, impact, Precision);
    }

    [Fact]
    public void Every_part_at_its_cap_gives_exactly_one_and_never_more()
    {
        var impact = ImpactScore.Compute(
            new ResourceUsage(CpuPercent: 0, MemoryPercent: 0),
            new ResourceUsage(CpuPercent: 100, MemoryPercent: 100),
            TimeSpan.FromHours(10), affectedTasks: 1000, recoveredTasks: 0);

        Assert.Equal(1.0, impact, Precision);
        Assert.True(impact <= 1.0, $"impact {impact} exceeds 1");
    }

    [Fact]
    public void Each_part_is_capped_at_a_quarter()
    {
        Assert.Equal(0.25, ImpactScore.PartCap);
        Assert.Equal(10, ImpactScore.TasksForFullWeight);
    }
}
