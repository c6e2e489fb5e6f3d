using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api.Contracts;

/// <summary>Body of <c>POST /api/errors</c>.</summary>
public sealed record ReportErrorRequest(
    string? Type, string? Severity, string? Message, string? Component, string? Operation, string? ExceptionType,
    string? WorkerId, string? HardwareId, IReadOnlyList<string>? TaskIds, IReadOnlyDictionary<string, string>? Tags, bool? Critical)
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
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var occurrence = new ErrorOccurrence(
            ErrorTypeNames.Parse(Type), severity, Message!, ExceptionType,
            new ErrorContext(Component!, Operation!, WorkerId ?? DefaultWorkerId, HardwareId, TaskIds, Tags, Critical ?? false), now);
        return (occurrence, errors);
    }
}
