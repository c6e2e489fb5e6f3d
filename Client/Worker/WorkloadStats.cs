using System.Collections.Concurrent;
using System.Globalization;
using RecoveryCluster.Client;

namespace RecoveryCluster.Worker;

/// <summary>What the workload saw: operations, failures, recoveries by level, escalations and recovery times.</summary>
public sealed class WorkloadStats
{
    private readonly ConcurrentBag<double> _recoveryMilliseconds = [];
    private readonly long[] _recoveredAtLevel = new long[6];
    private long _operations;
    private long _succeeded;
    private long _failed;
    private long _rejected;
    private long _escalated;
    private long _faultsPlanted;

    public long Operations => Interlocked.Read(ref _operations);
    public long Succeeded => Interlocked.Read(ref _succeeded);
    public long Failed => Interlocked.Read(ref _failed);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Escalated => Interlocked.Read(ref _escalated);
    public long FaultsPlanted => Interlocked.Read(ref _faultsPlanted);
    public long Recoveries => _recoveredAtLevel.Sum();

    /// <summary>Recoveries resolved at each level, index 1..5.</summary>
    public long RecoveredAt(int level) => Interlocked.Read(ref _recoveredAtLevel[level]);

    public double SuccessRate => Operations == 0 ? 0 : (double)Succeeded / Operations;

    public void Planted() => Interlocked.Increment(ref _faultsPlanted);

    public void Succeeded_() => Bump(ref _succeeded);

    public void Failed_() => Bump(ref _failed);

    public void Rejected_() => Bump(ref _rejected);

    public void OnRecoveryFinished(RecoveryFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (finished.Resolved && finished.Level is >= 1 and <= 5)
        {
            Interlocked.Increment(ref _recoveredAtLevel[finished.Level]);
            _recoveryMilliseconds.Add(finished.Elapsed.TotalMilliseconds);
        }
        else if (finished.Escalated)
        {
            Interlocked.Increment(ref _escalated);
        }
    }

    public double RecoveryPercentile(double p)
    {
        var sorted = _recoveryMilliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public string Progress() => string.Create(CultureInfo.InvariantCulture,
        $"ops {Operations,7}  ok {Succeeded,7}  failed {Failed,5}  rejected {Rejected,5}  recovered {Recoveries,5}  escalated {Escalated,4}  faults {FaultsPlanted,4}");

    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"""
        Workload summary
          operations       {Operations}
          succeeded        {Succeeded} ({SuccessRate:P1})
          failed           {Failed}
          rejected (open)  {Rejected}
          faults planted   {FaultsPlanted}
          recoveries       {Recoveries}  by level: 1={RecoveredAt(1)} 2={RecoveredAt(2)} 3={RecoveredAt(3)} 4={RecoveredAt(4)} 5={RecoveredAt(5)}
          escalations      {Escalated}
          recovery time    p50 {RecoveryPercentile(50):0.0} ms, p99 {RecoveryPercentile(99):0.0} ms
        """);

    private void Bump(ref long counter)
    {
        Interlocked.Increment(ref _operations);
        Interlocked.Increment(ref counter);
    }
}
