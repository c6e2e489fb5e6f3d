using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>
/// An error pattern as configuration holds it, e.g. <c>RecoveryCluster:Client:Patterns:0:Regex</c>; checked at start,
/// each error naming the field (<c>Patterns[0].Regex</c>).
/// </summary>
public sealed class ErrorPatternOptions
{
    /// <summary>Stable id; a pattern with a default pattern's id replaces that default.</summary>
    public string? Id { get; set; }

    /// <summary>The regular expression over exception messages (case-insensitive).</summary>
    public string? Regex { get; set; }

    /// <summary>The error type of a matching failure by name (<c>validation</c>, <c>task</c>, <c>database</c>, ...); required.</summary>
    public string? Type { get; set; }

    /// <summary>The severity by name (<c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>).</summary>
    public string Severity { get; set; } = "medium";

    /// <summary>Higher wins when several patterns match; the defaults use 40 to 90, so 100 puts a configured pattern first.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>See <see cref="ErrorPattern.RecoveryStrategy"/>.</summary>
    public string? RecoveryStrategy { get; set; }

    /// <summary>See <see cref="ErrorPattern.MaxRetries"/>.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>See <see cref="ErrorPattern.Metadata"/>.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>The pattern; call after <see cref="Validate"/> finds nothing.</summary>
    public ErrorPattern ToPattern() =>
        ErrorPattern.Create(Id!, Regex!, ParseName<ErrorType>(Type)!.Value, ParseName<ErrorSeverity>(Severity)!.Value, Priority, RecoveryStrategy, MaxRetries, Metadata);

    /// <summary>Everything wrong with the pattern at <paramref name="index"/>, each naming its field.</summary>
    public IEnumerable<ValidationResult> Validate(int index)
    {
        var at = $"{nameof(RecoveryClientOptions.Patterns)}[{index}]";
        ValidationResult Problem(string field, string message) => new($"{at}.{field}: {message}", [$"{at}.{field}"]);

        if (string.IsNullOrWhiteSpace(Id))
        {
            yield return Problem(nameof(Id), "it is required: a stable id such as 'schema-drift'.");
        }
        else if (Check(() => Guard.Key(Id, nameof(Id))) is { } badId)
        {
            yield return Problem(nameof(Id), badId);
        }

        if (string.IsNullOrWhiteSpace(Regex))
        {
            yield return Problem(nameof(Regex), "it is required: a regular expression over exception messages.");
        }
        else if (Check(() => _ = new System.Text.RegularExpressions.Regex(Regex)) is { } badRegex)
        {
            yield return Problem(nameof(Regex), $"'{Regex}' is not a valid regular expression: {badRegex}");
        }

        if (string.IsNullOrWhiteSpace(Type))
        {
            yield return Problem(nameof(Type), $"it is required: one of {Names<ErrorType>()}.");
        }
        else if (ParseName<ErrorType>(Type) is null)
        {
            yield return Problem(nameof(Type), $"'{Type}' is not an error type; use one of {Names<ErrorType>()}.");
        }

        if (ParseName<ErrorSeverity>(Severity) is null)
        {
            yield return Problem(nameof(Severity), $"'{Severity}' is not a severity; use one of {Names<ErrorSeverity>()}.");
        }

        if (Check(() => Guard.OptionalKey(RecoveryStrategy, nameof(RecoveryStrategy))) is { } badStrategy)
        {
            yield return Problem(nameof(RecoveryStrategy), badStrategy);
        }

        if (MaxRetries is < 0 or > ErrorPattern.MaxRetriesLimit)
        {
            yield return Problem(nameof(MaxRetries), $"{MaxRetries} is outside 0 to {ErrorPattern.MaxRetriesLimit}.");
        }

        if (Metadata.Any(m => string.IsNullOrWhiteSpace(m.Key) || m.Value is null))
        {
            yield return Problem(nameof(Metadata), "every entry needs a key and a value.");
        }
    }

    /// <summary>A defined value by its name, case-insensitively; numbers are not names.</summary>
    private static T? ParseName<T>(string? name) where T : struct, Enum =>
        name is not null && !name.Trim().All(char.IsAsciiDigit) && Enum.TryParse<T>(name.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));

    /// <summary>The argument error's message, without the parameter suffix (the field is named in front of it), or null.</summary>
    private static string? Check(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (ArgumentException error)
        {
            return error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty, StringComparison.Ordinal).Split('\n')[0].Trim();
        }
    }
}
