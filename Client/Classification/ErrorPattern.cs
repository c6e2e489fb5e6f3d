using System.Text.RegularExpressions;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>
/// A regular expression over exception messages; the highest-priority match decides type and severity, and may choose
/// the recovery: its <see cref="RecoveryStrategy"/> is planned at level 1 while that strategy keeps working.
/// </summary>
/// <param name="Id">Stable id; an error-correction rule is registered under it.</param>
/// <param name="Priority">Higher wins when several patterns match.</param>
public sealed record ErrorPattern(string Id, Regex Regex, ErrorType Type, ErrorSeverity Severity, int Priority)
{
    /// <summary>The most retries a pattern may ask for.</summary>
    public const int MaxRetriesLimit = 100;

    /// <summary>
    /// The strategy id the cluster plans at level 1 for a failure this pattern matches, e.g. <c>error-correction</c>,
    /// while its recent runs for the error type show it working; null leaves level 1 to the learned choice.
    /// </summary>
    public string? RecoveryStrategy { get; init; }

    /// <summary>
    /// How many times, at most, the retry strategy runs the operation again for a failure this pattern matches, at every
    /// level (instead of 3 at level 1 and 5 above; it stops at the first success); 0 means it does not run it again, so
    /// the error moves on. Null keeps the strategy's own counts.
    /// </summary>
    public int? MaxRetries { get; init; }

    /// <summary>Free-form settings for the strategy and the correction rule, e.g. a fallback template's name.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Builds a pattern; every argument is checked and an error names the one at fault.</summary>
    public static ErrorPattern Create(
        string id, string pattern, ErrorType type, ErrorSeverity severity, int priority,
        string? recoveryStrategy = null, int? maxRetries = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Guard.Key(id, nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Guard.Defined(type, nameof(type));
        Guard.Defined(severity, nameof(severity));
        Guard.OptionalKey(recoveryStrategy, nameof(recoveryStrategy));
        if (maxRetries is < 0 or > MaxRetriesLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, $"'maxRetries' must be between 0 and {MaxRetriesLimit}.");
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Error pattern '{id}': '{pattern}' is not a valid regular expression ({error.Message}).", nameof(pattern), error);
        }

        return new ErrorPattern(id, regex, type, severity, priority)
        {
            RecoveryStrategy = recoveryStrategy,
            MaxRetries = maxRetries,
            Metadata = metadata is null ? new Dictionary<string, string>() : new Dictionary<string, string>(metadata, StringComparer.Ordinal),
        };
    }
}
