namespace RecoveryCluster.Silo.Api;

/// <summary>Field checks that collect every problem of a request instead of stopping at the first.</summary>
public static class ApiValidation
{
    public static void Key(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"'{field}' is required."];
        }
        else if (value.Length > Limits.MaxKeyLength)
        {
            errors[field] = [$"'{field}' is {value.Length} characters long; the limit is {Limits.MaxKeyLength}."];
        }
        else if (FirstControl(value) is { } control)
        {
            errors[field] = [$"'{field}' contains the control character U+{(int)control:X4}; use printable characters only."];
        }
    }

    private static char? FirstControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return c;
            }
        }

        return null;
    }

    public static void OptionalKey(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null)
        {
            Key(value, field, errors);
        }
    }

    /// <summary>A query-string limit: 1..1000, 100 when absent.</summary>
    public static int Limit(int? limit, Dictionary<string, string[]> errors, int max = 1000)
    {
        if (limit is null)
        {
            return 100;
        }

        if (limit < 1 || limit > max)
        {
            errors["limit"] = [$"'limit' must lie between 1 and {max}."];
        }

        return limit.Value;
    }

    /// <summary>
    /// An error-type filter: null when absent; an unrecognised name is a field error (a filter must not silently
    /// become "unknown", unlike a report, where unknown names do map to <c>unknown</c>).
    /// </summary>
    public static Errors.ErrorType? ErrorType(string? name, string field, Dictionary<string, string[]> errors)
    {
        if (name is null)
        {
            return null;
        }

        var type = Errors.ErrorTypeNames.Parse(name);
        if (type == Errors.ErrorType.Unknown && !string.Equals(name.Trim(), "unknown", StringComparison.OrdinalIgnoreCase))
        {
            errors[field] = [$"'{ApiProblems.Shorten(name)}' is not an error type."];
            return null;
        }

        return type;
    }
}
