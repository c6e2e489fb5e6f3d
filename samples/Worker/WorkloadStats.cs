using System.Collections.Concurrent;
using System.Globalization;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;

namespace RecoveryCluster.Worker;

/// <summary>What the workload saw: operations and how they ended, recoveries by level, escalations, breaker openings, recovery times.</summary>
public sealed class WorkloadStats
{
    /// <summary>A first call later than this after the operation started means a breaker held the operation back.</summary>
    public static readonly TimeSpan HeldBackAfter = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentBag<double> _recoveryMilliseconds = [];
    private readonly long[] _recoveredAtLevel = new long[6];
    private readonly long[] _ends = new long[Enum.GetValues<OperationEnd>().Length];
    private long _escalated;
    private long _faultsPlanted;
    private long _breakerOpenings;
    private long _localRecoveries;

    public long Operations => _ends.Sum();
    public long Succeeded => Count(OperationEnd.Succeeded);
    public long Failed => Count(OperationEnd.Failed);
    public long Rejected => Count(OperationEnd.Rejected);
    public long Held => Count(OperationEnd.Held);
    public long Escalated => Interlocked.Read(ref _escalated);
    public long FaultsPlanted => Interlocked.Read(ref _faultsPlanted);
    public long BreakerOpenings => Interlocked.Read(ref _breakerOpenings);
    public long Recoveries => _recoveredAtLevel.Sum();

    /// <summary>Recoveries a worker made alone while the cluster was out of reach (not in <see cref="Recoveries"/>).</summary>
    public long LocalRecoveries => Interlocked.Read(ref _localRecoveries);

    /// <summary>Operations that ended in an error for their caller, rejected and held ones included.</summary>
    public long FailedOperations => Operations - Succeeded;

    /// <summary>Operations that met a fault (a failed call, or held back by a breaker) and still succeeded.</summary>
    public int RecoveredOperations => _recoveryMilliseconds.Count;

    public long Count(OperationEnd end) => Interlocked.Read(ref _ends[(int)end]);

    /// <summary>Recoveries resolved at each level, index 1..5.</summary>
    public long RecoveredAt(int level) => Interlocked.Read(ref _recoveredAtLevel[level]);

    public double SuccessRate => Operations == 0 ? 0 : (double)Succeeded / Operations;

    public void Planted(int faults = 1) => Interlocked.Add(ref _faultsPlanted, faults);

    /// <summary>Counts how an operation ended; a success after a fault adds its recovery time (first failure, or first hold, to success).</summary>
    public void Ended(OperationEnd end, OperationTag tag, long endedAt, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(time);
        Interlocked.Increment(ref _ends[(int)end]);
        if (end != OperationEnd.Succeeded)
        {
            return;
        }

        if (tag.RecoveryTime(endedAt, HeldBackAfter, time) is { } recovery)
        {
            _recoveryMilliseconds.Add(recovery.TotalMilliseconds);
        }
    }

    public void OnRecoveryFinished(RecoveryFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (finished.Resolved && finished.Local)
        {
            Interlocked.Increment(ref _localRecoveries);
        }
        else if (finished.Resolved && finished.Level is >= 1 and <= 5)
        {
            Interlocked.Increment(ref _recoveredAtLevel[finished.Level]);
        }
        else if (finished.Escalated)
        {
            Interlocked.Increment(ref _escalated);
        }
    }

    public void OnCircuitChanged(CircuitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.State == CircuitState.Open)
        {
            Interlocked.Increment(ref _breakerOpenings);
        }
    }

    public double RecoveryPercentile(double p) => Percentile.NearestRank(_recoveryMilliseconds.Order().ToArray(), p);

    public string Progress() => string.Create(CultureInfo.InvariantCulture,
        $"ops {Operations,7}  ok {Succeeded,7}  failed {Failed,5}  rejected {Rejected,5}  held {Held,4}  recovered {Recoveries,5}  local {LocalRecoveries,4}  escalated {Escalated,3}  breaker opens {BreakerOpenings,3}  faults {FaultsPlanted,4}");

    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"""
        Workload summary
          operations       {Operations}
          succeeded        {Succeeded} ({SuccessRate:P1})
          failed           {Failed}
          rejected (open)  {Rejected}
          held (escalated) {Held}   operations that failed fast because their error is with a person
          faults planted   {FaultsPlanted}
          breaker opens    {BreakerOpenings}
          recoveries       {Recoveries}  by level: 1={RecoveredAt(1)} 2={RecoveredAt(2)} 3={RecoveredAt(3)} 4={RecoveredAt(4)} 5={RecoveredAt(5)}
          recovered locally {LocalRecoveries}  by a worker alone while the cluster was out of reach (pattern strategy, retry, fallback)
          escalations      {Escalated}   handed to a person (once per episode)
          recovery time    p50 {RecoveryPercentile(50):0} ms, p99 {RecoveryPercentile(99):0} ms over {RecoveredOperations} operations that met a fault (first failure or hold to success)
        """);
}
