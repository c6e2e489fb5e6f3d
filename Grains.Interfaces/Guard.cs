namespace RecoveryCluster;

/// <summary>Argument checks shared by grains and clients; each message names the field.</summary>
public static class Guard
{
    /// <summary>Non-blank, at most <see cref="Limits.MaxKeyLength"/> characters, and no control characters.</summary>
    public static string Key(string? value, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, field);
        if (value.Length > Limits.MaxKeyLength)
        {
            throw new ArgumentException($"'{field}' is {value.Length} characters long; the limit is {Limits.MaxKeyLength}.", field);
        }

        return Printable(value, field);
    }

    /// <summary>
    /// No control characters (NUL, ESC, BEL, ...): identifiers end up in logs, URLs and PostgreSQL, which refuses NUL in
    /// text, so they are refused here as bad input rather than failing later as a storage error.
    /// </summary>
    public static string Printable(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value, field);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"'{field}' contains the control character U+{(int)c:X4}; use printable characters only.", field);
            }
        }

        return value;
    }

    /// <summary>Null, or non-blank and at most <see cref="Limits.MaxKeyLength"/> characters.</summary>
    public static string? OptionalKey(string? value, string field) => value is null ? null : Key(value, field);

    /// <summary>A finite, non-negative duration.</summary>
    public static TimeSpan Duration(TimeSpan value, string field)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(field, value, $"'{field}' must not be negative.");
        }

        if (value == TimeSpan.MaxValue)
        {
            throw new ArgumentOutOfRangeException(field, value, $"'{field}' must be finite.");
        }

        return value;
    }

    /// <summary>A finite number in [min, max].</summary>
    public static double Range(double value, double min, double max, string field)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(field, value, $"'{field}' must be a finite number between {min} and {max}.");
        }

        return value;
    }

    /// <summary>A finite, non-negative number.</summary>
    public static double NonNegative(double value, string field)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(field, value, $"'{field}' must be a finite, non-negative number.");
        }

        return value;
    }

    /// <summary>A defined enum value.</summary>
    public static T Defined<T>(T value, string field) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(field, value, $"'{field}' has no value {value}.");
        }

        return value;
    }

    /// <summary>A batch between silos holds at most <see cref="Limits.MaxSiloBatch"/> items.</summary>
    public static int Batch(int count, string field)
    {
        if (count > Limits.MaxSiloBatch)
        {
            throw new ArgumentException($"'{field}' has {count} items; a batch holds at most {Limits.MaxSiloBatch}.", field);
        }

        return count;
    }
}
