using RecoveryCluster.FleetLimits;

namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>
/// The leases of one component's fleet limit and how they are sized. The invariant: the unexpired shares never add up to
/// more than the limit in force, because a worker is granted at most what the others' current leases leave. Each
/// worker's target is its max-min fair share of the limit by demand; a worker above its target shrinks at its next
/// renewal, which frees room for the one below it at that one's next renewal.
/// </summary>
public sealed class LeaseBook
{
    private readonly Dictionary<string, GrantedLease> _leases = new(StringComparer.Ordinal);

    /// <summary>Until then, shares held from before this book existed (a previous activation) may still be in use.</summary>
    private DateTimeOffset _unknownSharesUntil;

    public IReadOnlyDictionary<string, GrantedLease> Leases => _leases;

    /// <summary>
    /// A new book after an activation with limits in force: workers may hold leases it does not know of until
    /// <paramref name="until"/>, so meanwhile a worker keeps at most what it says it holds and a newcomer gets nothing.
    /// </summary>
    public void AssumeUnknownSharesUntil(DateTimeOffset until) => _unknownSharesUntil = until;

    /// <summary>Grants or renews <paramref name="request"/>'s lease under the limits in force.</summary>
    public GrantedLease Grant(LeaseRequest request, int? concurrencyLimit, double? rateLimit, TimeSpan leaseDuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        Expire(now);
        _leases.Remove(request.WorkerId);
        var recovering = now < _unknownSharesUntil;
        var others = _leases.Values.ToList();
        int? concurrency = null;
        if (concurrencyLimit is { } climit)
        {
            var demands = others.Select(l => (double)l.ConcurrencyDemand).Append(Math.Max(1, request.ConcurrencyDemand)).ToArray();
            var target = FairShare.DivideWhole(climit, demands)[^1];
            var free = climit - others.Sum(l => l.Concurrency ?? 0);
            var share = Math.Max(0, Math.Min(target, free));
            concurrency = recovering ? Math.Min(share, request.HeldConcurrency ?? 0) : share;
        }

        double? rate = null;
        if (rateLimit is { } rlimit)
        {
            var demands = others.Select(l => l.RateDemand).Append(Math.Max(0.001, request.RateDemand)).ToArray();
            var target = FairShare.Divide(rlimit, demands)[^1];
            var free = rlimit - others.Sum(l => l.Rate ?? 0);
            var share = Math.Max(0, Math.Min(target, free));
            rate = recovering ? Math.Min(share, request.HeldRate ?? 0) : share;
        }

        var lease = new GrantedLease(concurrency, rate, request.ConcurrencyDemand, request.RateDemand, now + leaseDuration) { Observer = request.Observer };
        _leases[request.WorkerId] = lease;
        return lease;
    }

    /// <summary>
    /// Re-sizes every unexpired lease at once under new limits (a policy change, pushed to the holders rather than
    /// waiting for their renewals). Each holder's target is its fair share by the demand it last asked on. A share that
    /// shrinks (or had no limit) takes its target at once; a share that grows gets only what the others' shares leave
    /// after the shrinking ones took theirs, as at a renewal, so the book never grants more than the new limit.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, GrantedLease>> Reissue(int? concurrencyLimit, double? rateLimit, TimeSpan leaseDuration, DateTimeOffset now)
    {
        Expire(now);
        var workers = _leases.Keys.Order(StringComparer.Ordinal).ToArray();
        var recovering = now < _unknownSharesUntil;
        var concurrency = concurrencyLimit is { } climit
            ? Resize(workers, climit, FairShare.DivideWhole(climit, [.. workers.Select(w => (double)Math.Max(1, _leases[w].ConcurrencyDemand))]).Select(s => (double)s).ToArray(),
                w => _leases[w].Concurrency, recovering)
            : null;
        var rate = rateLimit is { } rlimit
            ? Resize(workers, rlimit, FairShare.Divide(rlimit, [.. workers.Select(w => Math.Max(0.001, _leases[w].RateDemand))]), w => _leases[w].Rate, recovering)
            : null;
        for (var i = 0; i < workers.Length; i++)
        {
            var old = _leases[workers[i]];
            _leases[workers[i]] = old with { Concurrency = concurrency is null ? null : (int)concurrency[i], Rate = rate?[i], ExpiresAt = now + leaseDuration };
        }

        return [.. workers.Select(w => new KeyValuePair<string, GrantedLease>(w, _leases[w]))];
    }

    public bool Release(string workerId) => _leases.Remove(workerId);

    /// <summary>Drops the leases that ended: their workers stopped renewing, so their shares are free again.</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var (worker, lease) in _leases.Where(l => l.Value.ExpiresAt <= now).ToList())
        {
            _leases.Remove(worker);
        }
    }

    /// <summary>The unexpired leases, by worker id.</summary>
    public IReadOnlyList<LeaseHolder> Holders(DateTimeOffset now) =>
        [.. _leases.Where(l => l.Value.ExpiresAt > now).OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new LeaseHolder(l.Key, l.Value.Concurrency, l.Value.Rate, l.Value.ConcurrencyDemand, l.Value.RateDemand, l.Value.ExpiresAt))];

    /// <summary>
    /// New shares toward <paramref name="targets"/>: shrinking ones first at their target, then growing ones within what
    /// is left of <paramref name="limit"/> (in whole permits when the targets are whole). While shares from an earlier
    /// activation may be unknown, nobody grows.
    /// </summary>
    private static double[] Resize(string[] workers, double limit, double[] targets, Func<string, double?> current, bool recovering)
    {
        var shares = new double[workers.Length];
        var growing = new List<int>();
        for (var i = 0; i < workers.Length; i++)
        {
            if (current(workers[i]) is { } held && held < targets[i])
            {
                shares[i] = held;
                growing.Add(i);
            }
            else
            {
                shares[i] = targets[i];
            }
        }

        if (recovering)
        {
            return shares;
        }

        foreach (var i in growing)
        {
            var free = limit - shares.Sum();
            shares[i] = Math.Min(targets[i], shares[i] + Math.Max(0, free));
        }

        return shares;
    }
}
