namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>
/// P4 over all trials: from sending the isolate request to one silo until the last worker of the last client process
/// heard the breaker open (the figure P4 targets), and until the first process's workers all did; the isolate
/// request's own round trip for comparison.
/// </summary>
public sealed record PropagationResult(
    int Silos, int Clients, int Workers, int Trials,
    double AllClientsP50Ms, double AllClientsP99Ms, double AllClientsMaxMs,
    double FirstClientP50Ms, double IsolateRequestP50Ms,
    IReadOnlyList<double> AllClientsMs);
