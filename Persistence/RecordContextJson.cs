namespace RecoveryCluster.Persistence;

/// <summary>The <c>context</c> column: where the attempt ran and whether it resolved its error.</summary>
internal sealed record RecordContextJson(string Component, string? WorkerId, bool ResolvedError);
