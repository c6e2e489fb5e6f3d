using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>Body of <c>POST /api/errors</c>.</summary>
/// <param name="PatternId">The id of the reporter's error pattern that matched, as a worker's client sends it.</param>
/// <param name="PreferredStrategy">The strategy that pattern names (needs <paramref name="PatternId"/>; the cluster's catalog must have it).</param>
public sealed record ReportErrorRequest(
    string? Type, string? Severity, string? Message, string? Component, string? Operation, string? ExceptionType,
    string? WorkerId, string? HardwareId, IReadOnlyList<string>? TaskIds, IReadOnlyDictionary<string, string>? Tags, bool? Critical,
    string? PatternId = null, string? PreferredStrategy = null)
{
    public const string DefaultWorkerId = "http";

    /// <summary>The occurrence, or the field errors that stop it; unknown type names map to <c>unknown</c>.</summary>
    public (ErrorOccurrence? Occurrence, Dictionary<string, string[]> Errors) ToOccurrence(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var severity = ErrorSeverity.Medium;
        if ((Severity is not null && !Enum.TryParse(Severity, ignoreCase: true, out severity)) || !Enum.IsDefined(severity))
        {
            errors["severity"] = [$"'{Severity}' is not a severity; use one of: {string.Join(", ", Enum.GetNames<ErrorSeverity>().Select(n => n.ToLowerInvariant()))}."];
        }

        if (string.IsNullOrEmpty(Message))
        {
            errors["message"] = ["A message is required."];
        }

        ApiValidation.Key(Component, "component", errors);
        ApiValidation.Key(Operation, "operation", errors);
        ApiValidation.OptionalKey(ExceptionType, "exceptionType", errors);
        ApiValidation.OptionalKey(WorkerId, "workerId", errors);
        ApiValidation.OptionalKey(HardwareId, "hardwareId", errors);
        ApiValidation.OptionalKey(PatternId, "patternId", errors);
        ApiValidation.OptionalKey(PreferredStrategy, "preferredStrategy", errors);
        if (PreferredStrategy is not null && PatternId is null)
        {
            errors["preferredStrategy"] = ["'preferredStrategy' needs the 'patternId' of the error pattern that names it."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var occurrence = new ErrorOccurrence(
            ErrorTypeNames.Parse(Type), severity, Message!, ExceptionType,
            new ErrorContext(Component!, Operation!, WorkerId ?? DefaultWorkerId, HardwareId, TaskIds, Tags, Critical ?? false), now,
            PatternId: PatternId, PreferredStrategy: PreferredStrategy);
        return (occurrence, errors);
    }
}
