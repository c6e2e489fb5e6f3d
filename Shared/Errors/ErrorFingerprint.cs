using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace RecoveryCluster.Errors;

/// <summary>
/// The key of an error grain: the error type plus a hash of component, operation and the message with its volatile
/// parts (GUIDs, addresses, hex, numbers) masked, so repeats of one failure land on one grain.
/// </summary>
public static partial class ErrorFingerprint
{
    /// <summary>Masks the parts of a message that change between repeats of the same failure.</summary>
    public static string Normalize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var masked = GuidPattern().Replace(message, "<guid>");
        masked = Ipv4Pattern().Replace(masked, "<addr>");
        masked = Ipv6Pattern().Replace(masked, "<addr>");
        masked = HexPattern().Replace(masked, "<hex>");
        masked = NumberPattern().Replace(masked, "<n>");
        return masked.Trim();
    }

    /// <summary>Computes the fingerprint, e.g. <c>database-5c1f0e3b9a7d4e21</c>.</summary>
    public static string Compute(ErrorType type, string component, string operation, string message)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(operation);
        var text = string.Join('\n', component, operation, Normalize(message));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return string.Concat(type.ToName(), "-", Convert.ToHexStringLower(hash[..8]));
    }

    /// <summary>Computes the fingerprint of an occurrence.</summary>
    public static string Compute(ErrorOccurrence occurrence)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(occurrence.Context);
        return Compute(occurrence.Type, occurrence.Context.Component, occurrence.Context.Operation, occurrence.Message);
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b")]
    private static partial Regex Ipv4Pattern();

    // Hex groups and colons with at least two colons: full and '::'-compressed IPv6 addresses (and clock times, also volatile).
    [GeneratedRegex(@"(?<![\w:])(?=[0-9a-fA-F]*:[0-9a-fA-F]*:)[0-9a-fA-F:]{2,}(?![\w:])")]
    private static partial Regex Ipv6Pattern();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
