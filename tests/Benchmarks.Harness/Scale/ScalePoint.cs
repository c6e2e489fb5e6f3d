namespace RecoveryCluster.Benchmarks.Scale;

/// <summary>One point of the scale benchmark: the same report load against a durable silo holding this many errors.</summary>
public sealed record ScalePoint(
    int StoredErrors,
    int Seed,
    int Threads,
    double Seconds,
    long Reports,
    double ReportsPerSecond,
    double ReportP50Ms,
    double ReportP99Ms,
    long FailedReports,
    double ListP50Ms,
    double StatusP50Ms,
    double SiloRssBeforeMb,
    double SiloRssAfterMb,
    double PreloadSeconds,
    double GrainCallsPerReport,
    string BusiestInterface,
    double BusiestInterfacePerReport);
