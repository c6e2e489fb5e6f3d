using RecoveryCluster.Errors;

namespace RecoveryCluster.Grains.Errors;

/// <summary>One page of the error list; <see cref="Next"/> is null on the last page.</summary>
public sealed record ErrorPage(IReadOnlyList<ErrorSummary> Errors, ErrorCursor? Next)
{
    /// <summary>A page of at most <paramref name="limit"/> errors, already in list order; a full page may have more after it.</summary>
    public static ErrorPage Of(IReadOnlyList<ErrorSummary> errors, int limit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new ErrorPage(errors, errors.Count >= limit && errors.Count > 0 ? ErrorCursor.After(errors[^1]) : null);
    }
}
