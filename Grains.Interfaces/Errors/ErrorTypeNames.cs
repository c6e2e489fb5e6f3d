using System.Collections.Frozen;

namespace RecoveryCluster.Errors;

/// <summary>Maps error types to and from their lower-case names; unknown names map to <see cref="ErrorType.Unknown"/>.</summary>
public static class ErrorTypeNames
{
    private static readonly FrozenDictionary<string, ErrorType> ByName =
        Enum.GetValues<ErrorType>().ToFrozenDictionary(t => t.ToString().ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<ErrorType, string> Names =
        Enum.GetValues<ErrorType>().ToFrozenDictionary(t => t, t => t.ToString().ToLowerInvariant());

    /// <summary>The lower-case name used in keys, URLs and storage, e.g. <c>database</c>.</summary>
    public static string ToName(this ErrorType type) =>
        Names.TryGetValue(type, out var name) ? name : "unknown";

    /// <summary>Parses a name case-insensitively; null, blank or unrecognised names give <see cref="ErrorType.Unknown"/>.</summary>
    public static ErrorType Parse(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim(), out var type) ? type : ErrorType.Unknown;

    /// <summary>Every defined error type.</summary>
    public static IReadOnlyList<ErrorType> All { get; } = Enum.GetValues<ErrorType>();
}
