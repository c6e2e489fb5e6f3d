namespace RecoveryCluster.Errors;

/// <summary>Where an error stands in its recovery.</summary>
[GenerateSerializer, Alias("rc.error-status")]
public enum ErrorStatus
{
    /// <summary>Reported, no recovery attempt recorded yet.</summary>
    Open = 0,
    /// <summary>At least one attempt failed and recovery goes on at a higher level.</summary>
    Retrying = 1,
    /// <summary>The last attempt succeeded.</summary>
    Resolved = 2,
    /// <summary>Recovery gave up without escalating (reserved for callers that stop early).</summary>
    Failed = 3,
    /// <summary>Level 5 failed; a person has to look at it.</summary>
    Escalated = 4,
}
