using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RecoveryCluster.Errors;

/// <summary>
/// Where a page of the error list ended: lists run most recently seen first, then by id, so the next page holds the
/// errors seen before <see cref="LastSeen"/>, or at it with a greater id. In the API it is an opaque token.
/// </summary>
[GenerateSerializer, Immutable, Alias("rc.error-cursor")]
public sealed record ErrorCursor(
    [property: Id(0)] DateTimeOffset LastSeen,
    [property: Id(1)] string ErrorId)
{
    /// <summary>True when <paramref name="error"/> comes after this cursor in list order.</summary>
    public bool Precedes(ErrorSummary error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.LastSeen < LastSeen || (error.LastSeen == LastSeen && string.CompareOrdinal(error.ErrorId, ErrorId) > 0);
    }

    public static ErrorCursor After(ErrorSummary error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorCursor(error.LastSeen, error.ErrorId);
    }

    /// <summary>The token given to API callers: the time in UTC ticks and the id, base64url-encoded.</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{LastSeen.UtcTicks}:{ErrorId}")));

    /// <summary>Reads a token made by <see cref="ToToken"/>; null when it is not one.</summary>
    public static ErrorCursor? FromToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 4 * Limits.MaxKeyLength)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0
                || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return null;
            }

            var errorId = text[(colon + 1)..];
            return errorId.Length is 0 or > Limits.MaxKeyLength || errorId.Any(char.IsControl)
                ? null
                : new ErrorCursor(new DateTimeOffset(ticks, TimeSpan.Zero), errorId);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
