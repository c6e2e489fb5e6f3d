using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Checks a worker's offline records before any of them is taken; every message names the field.</summary>
public static class OfflineBatchValidator
{
    /// <summary>How far ahead of the silo's clock a worker's timestamps may be (clock skew), not further.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(1);

    public static void Validate(OfflineBatch batch, string errorId, StrategyCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Guard.Key(batch.WorkerId, "workerId");
        if (batch.Epoch == Guid.Empty)
        {
            throw new ArgumentException("'epoch' must not be the empty UUID.", "epoch");
        }

        var recoveries = batch.Recoveries ?? throw new ArgumentNullException("recoveries");
        if (recoveries.Count > Limits.MaxOfflineBatch)
        {
            throw new ArgumentException($"'recoveries' holds {recoveries.Count} records; the limit is {Limits.MaxOfflineBatch}.", "recoveries");
        }

        var previous = 0L;
        foreach (var recovery in recoveries)
        {
            ArgumentNullException.ThrowIfNull(recovery, "recoveries");
            if (recovery.Sequence <= previous)
            {
                throw new ArgumentException($"'sequence' must be positive and increase within a batch ({recovery.Sequence} after {previous}).", "sequence");
            }

            previous = recovery.Sequence;
            OccurrenceValidator.Validate(recovery.Occurrence, errorId);
            if (!string.Equals(recovery.Occurrence.Context.WorkerId, batch.WorkerId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'workerId' of a record is '{recovery.Occurrence.Context.WorkerId}', not the batch's '{batch.WorkerId}'.", "workerId");
            }

            if (recovery.Occurrence.Timestamp > now + MaxClockSkew)
            {
                throw new ArgumentException($"'timestamp' {recovery.Occurrence.Timestamp:O} is in the future.", "timestamp");
            }

            var outcomes = recovery.Outcomes ?? throw new ArgumentNullException("outcomes");
            if (outcomes.Count is 0 or > Limits.MaxOfflineOutcomes)
            {
                throw new ArgumentException($"'outcomes' holds {outcomes.Count} attempts; a record has 1 to {Limits.MaxOfflineOutcomes}.", "outcomes");
            }

            foreach (var outcome in outcomes)
            {
                OutcomeValidator.ValidateFields(outcome, catalog);
                if (outcome.OutcomeId is null)
                {
                    throw new ArgumentException("'outcomeId' is required on an offline outcome: it is the history row's id.", "outcomeId");
                }
            }
        }
    }
}
