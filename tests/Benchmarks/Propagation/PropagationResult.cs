namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>
/// P4 over all trials: from sending the isolate request to one silo until the last of the clients heard the breaker
/// open (the figure P4 targets), and until the first one did; the isolate request's own round trip for comparison.
/// </summary>
public sealed record PropagationResult(
    int Silos, int Clients, int Trials,
    double AllClientsP50Ms, double AllClientsP99Ms, double AllClientsMaxMs,
    double FirstClientP50Ms, double IsolateRequestP50Ms,
    IReadOnlyList<double> AllClientsMs);
