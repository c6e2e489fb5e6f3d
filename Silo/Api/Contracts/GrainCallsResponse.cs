namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>Grain calls the answering silo has taken since it started, in all and by interface.</summary>
public sealed record GrainCallsResponse(long Total, IReadOnlyDictionary<string, long> ByInterface);
