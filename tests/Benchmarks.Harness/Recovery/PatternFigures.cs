namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>One arm's figures for the operations that met one kind of fault (pattern), and that fault's calls and length.</summary>
public sealed record PatternFigures(
    string Pattern, int Faults, long Operations, long FailedOperations, long CallsIntoFaulty, double FaultMeanMs, int RecoveredOperations, double RecoveryMeanMs);
