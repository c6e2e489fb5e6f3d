using System.Text.RegularExpressions;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>A regular expression over exception messages; the highest-priority match decides type and severity.</summary>
/// <param name="Id">Stable id; an error-correction strategy looks up its fix by this id.</param>
/// <param name="Priority">Higher wins when several patterns match.</param>
public sealed record ErrorPattern(string Id, Regex Regex, ErrorType Type, ErrorSeverity Severity, int Priority)
{
    public static ErrorPattern Create(string id, string pattern, ErrorType type, ErrorSeverity severity, int priority)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return new ErrorPattern(id, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), type, severity, priority);
    }
}
