namespace RecoveryCluster.Client.Remediation;

/// <summary>
/// The fix for failures one error pattern matches, run by the error-correction strategy before it runs the operation
/// again. Register it with <c>services.AddErrorCorrection("pattern-id", (context, ct) => ...)</c>.
/// </summary>
/// <param name="PatternId">The id of the error pattern whose failures it fixes.</param>
/// <param name="ApplyAsync">Applies the fix; false when it cannot fix this failure (the strategy then fails without running the operation).</param>
public sealed record ErrorCorrectionRule(string PatternId, Func<RecoveryContext, CancellationToken, Task<bool>> ApplyAsync);
