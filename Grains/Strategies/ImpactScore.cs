using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Strategies;

/// <summary>
/// How much a recovery disturbed the system, 0..1: four parts of at most 0.25 each (memory change, CPU change,
/// time, tasks left unrecovered). The task part is the unrecovered share weighted by how many tasks were hit,
/// reaching its full weight at <see cref="TasksForFullWeight"/> affected tasks.
/// </summary>
public static class ImpactScore
{
    public const double PartCap = 0.25;
    public const int TasksForFullWeight = 10;

    public static double Compute(ResourceUsage? before, ResourceUsage? after, TimeSpan executionTime, int affectedTasks, int recoveredTasks)
    {
        var memory = 0.0;
        var cpu = 0.0;
        if (before is not null && after is not null)
        {
            memory = Math.Min(Math.Abs(after.MemoryPercent - before.MemoryPercent) / 100, PartCap);
            cpu = Math.Min(Math.Abs(after.CpuPercent - before.CpuPercent) / 100, PartCap);
        }

        var time = Math.Min(executionTime.TotalSeconds / 240, PartCap);
        return memory + cpu + time + TaskImpact(affectedTasks, recoveredTasks);
    }

    public static double TaskImpact(int affectedTasks, int recoveredTasks)
    {
        if (affectedTasks <= 0)
        {
            return 0;
        }

        var unrecoveredShare = (double)(affectedTasks - Math.Min(recoveredTasks, affectedTasks)) / affectedTasks;
        var weight = Math.Min((double)affectedTasks / TasksForFullWeight, 1);
        return PartCap * unrecoveredShare * weight;
    }
}
