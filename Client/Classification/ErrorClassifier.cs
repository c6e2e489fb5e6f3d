using System.Data.Common;
using System.Net.Sockets;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>
/// Classifies an exception: first by the error patterns over its message (highest priority first), then by the
/// exception-type map walking the type's base classes and the inner exceptions. Users add both; a user pattern with a
/// default pattern's id replaces that default (to give it a strategy, say).
/// </summary>
public sealed class ErrorClassifier
{
    private readonly List<ErrorPattern> _patterns;
    private readonly Dictionary<Type, (ErrorType Type, ErrorSeverity Severity)> _typeMap;

    public ErrorClassifier(IEnumerable<ErrorPattern>? extraPatterns = null, IEnumerable<ExceptionTypeMapping>? extraTypes = null)
    {
        var extra = (extraPatterns ?? []).ToList();
        if (extra.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Error pattern id '{twice.Key}' is registered {twice.Count()} times; pattern ids must be unique.", nameof(extraPatterns));
        }

        _patterns = [.. DefaultErrorPatterns.All.Where(d => !extra.Exists(p => p.Id == d.Id)), .. extra];

        // Stable: among equal priorities the defaults stay ahead, in their order, then the user's in theirs.
        _patterns = [.. _patterns.OrderByDescending(p => p.Priority)];
        _typeMap = new Dictionary<Type, (ErrorType, ErrorSeverity)>
        {
            [typeof(SocketException)] = (ErrorType.Network, ErrorSeverity.Medium),
            [typeof(HttpRequestException)] = (ErrorType.Connection, ErrorSeverity.Medium),
            [typeof(System.Net.WebException)] = (ErrorType.Network, ErrorSeverity.Medium),
            [typeof(IOException)] = (ErrorType.Connection, ErrorSeverity.Medium),
            [typeof(TimeoutException)] = (ErrorType.Timeout, ErrorSeverity.Medium),
            [typeof(TaskCanceledException)] = (ErrorType.Timeout, ErrorSeverity.Medium),
            [typeof(OperationCanceledException)] = (ErrorType.Timeout, ErrorSeverity.Medium),
            [typeof(DbException)] = (ErrorType.Database, ErrorSeverity.High),
            [typeof(OutOfMemoryException)] = (ErrorType.Resource, ErrorSeverity.Critical),
            [typeof(InsufficientExecutionStackException)] = (ErrorType.Resource, ErrorSeverity.High),
            [typeof(UnauthorizedAccessException)] = (ErrorType.System, ErrorSeverity.High),
            [typeof(ArgumentException)] = (ErrorType.Validation, ErrorSeverity.Low),
            [typeof(FormatException)] = (ErrorType.Validation, ErrorSeverity.Low),
            [typeof(InvalidOperationException)] = (ErrorType.Task, ErrorSeverity.Medium),
            [typeof(NotSupportedException)] = (ErrorType.Task, ErrorSeverity.Medium),
        };
        foreach (var mapping in extraTypes ?? [])
        {
            _typeMap[mapping.ExceptionType] = (mapping.Type, mapping.Severity);
        }
    }

    public IReadOnlyList<ErrorPattern> Patterns => _patterns;

    /// <summary>The pattern with this id (the one a classification names), or null.</summary>
    public ErrorPattern? Find(string? patternId) =>
        patternId is null ? null : _patterns.Find(p => string.Equals(p.Id, patternId, StringComparison.Ordinal));

    public ErrorClassification Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var pattern in _patterns)
        {
            if (pattern.Regex.IsMatch(exception.Message))
            {
                return new ErrorClassification(pattern.Type, pattern.Severity, pattern.Id);
            }
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (MapType(current) is { } mapped)
            {
                return new ErrorClassification(mapped.Type, mapped.Severity, null);
            }
        }

        return new ErrorClassification(ErrorType.Unknown, ErrorSeverity.Medium, null);
    }

    private (ErrorType Type, ErrorSeverity Severity)? MapType(Exception exception)
    {
        // Npgsql and other providers are matched by name, so the library needs no reference to them.
        if (exception.GetType().FullName is { } name && name.StartsWith("Npgsql.", StringComparison.Ordinal))
        {
            return (ErrorType.Database, ErrorSeverity.High);
        }

        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (_typeMap.TryGetValue(type, out var mapped))
            {
                return mapped;
            }
        }

        return null;
    }
}
