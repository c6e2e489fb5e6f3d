using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Grains.Errors;

/// <summary>Checks an occurrence before it touches any state; every message names the field.</summary>
public static class OccurrenceValidator
{
    /// <summary>
    /// Also checks the pattern's preferred strategy against the catalog: a report plans with it, so an id the cluster
    /// does not know is refused here rather than planned.
    /// </summary>
    public static void Validate(ErrorOccurrence occurrence, string errorId, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Validate(occurrence, errorId);
        if (occurrence.PreferredStrategy is { } preferred && !catalog.TryGet(preferred, out _))
        {
            throw new ArgumentException(
                $"'preferredStrategy' is '{preferred}', which the cluster's strategy catalog does not have; register it on the silos (AddRecoveryStrategy) or fix the error pattern.",
                "preferredStrategy");
        }
    }

    /// <summary>Checks the fields alone (an offline record plans nothing, so its preferred strategy is not looked up).</summary>
    public static void Validate(ErrorOccurrence occurrence, string errorId)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        Guard.Defined(occurrence.Type, "type");
        Guard.Defined(occurrence.Severity, "severity");
        ArgumentNullException.ThrowIfNull(occurrence.Message, "message");
        if (occurrence.Message.Length > Limits.MaxMessageLength)
        {
            throw new ArgumentException($"'message' is {occurrence.Message.Length} characters long; the limit is {Limits.MaxMessageLength}.", "message");
        }

        // Free text may hold tabs and line breaks, but not NUL, which PostgreSQL cannot store in text.
        if (occurrence.Message.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("'message' contains a NUL character (U+0000), which cannot be stored; remove or escape it.", "message");
        }

        Guard.OptionalKey(occurrence.ExceptionType, "exceptionType");
        var context = occurrence.Context ?? throw new ArgumentNullException("context");
        Guard.Key(context.Component, "component");
        Guard.Key(context.Operation, "operation");
        Guard.Key(context.WorkerId, "workerId");
        Guard.OptionalKey(context.HardwareId, "hardwareId");
        if (context.TaskIds is { } tasks)
        {
            if (tasks.Count > Limits.MaxCollectionItems)
            {
                throw new ArgumentException($"'taskIds' holds {tasks.Count} ids; the limit is {Limits.MaxCollectionItems}.", "taskIds");
            }

            foreach (var task in tasks)
            {
                Guard.Key(task, "taskIds");
            }
        }

        if (context.Tags is { } tags)
        {
            if (tags.Count > Limits.MaxCollectionItems)
            {
                throw new ArgumentException($"'tags' holds {tags.Count} entries; the limit is {Limits.MaxCollectionItems}.", "tags");
            }

            foreach (var (key, value) in tags)
            {
                Guard.Key(key, "tags");
                if (value is null || value.Length > Limits.MaxKeyLength)
                {
                    throw new ArgumentException($"Tag '{key}' needs a value of at most {Limits.MaxKeyLength} characters.", "tags");
                }

                Guard.Printable(value, "tags");
            }
        }

        const CallFeatures allFeatures = CallFeatures.Fallback | CallFeatures.Degradation | CallFeatures.Compensation;
        if (context.Features is { } features && (features & ~allFeatures) != 0)
        {
            throw new ArgumentException($"'features' holds unknown flags ({(int)features}); use fallback, degradation and compensation.", "features");
        }

        Guard.OptionalKey(occurrence.PatternId, "patternId");
        if (occurrence.PreferredStrategy is not null)
        {
            Guard.Key(occurrence.PreferredStrategy, "preferredStrategy");
            if (occurrence.PatternId is null)
            {
                throw new ArgumentException("'preferredStrategy' needs the 'patternId' of the error pattern that names it.", "preferredStrategy");
            }
        }

        var fingerprint = ErrorFingerprint.Compute(occurrence);
        if (!string.Equals(fingerprint, errorId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The occurrence's fingerprint is '{fingerprint}', not '{errorId}': report it to the error grain named by ErrorFingerprint.Compute.", "errorId");
        }
    }
}
