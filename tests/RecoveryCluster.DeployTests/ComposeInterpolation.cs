using System.Text.RegularExpressions;

namespace RecoveryCluster.DeployTests;

/// <summary>
/// Compose's variable substitution for the forms docker-compose.yml uses: <c>${NAME}</c>, <c>${NAME:-default}</c> and
/// <c>$$</c>. The tests resolve against an empty environment, so they see the file's own defaults.
/// </summary>
internal static partial class ComposeInterpolation
{
    public static string Resolve(string value, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(value, match =>
        {
            if (match.Value == "$$")
            {
                return "$";
            }

            var name = match.Groups["name"].Value;
            if (variables.TryGetValue(name, out var set) && set.Length > 0)
            {
                return set;
            }

            return match.Groups["default"].Success
                ? match.Groups["default"].Value
                : throw new Xunit.Sdk.XunitException($"docker-compose.yml uses ${{{name}}} without a default.");
        });

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
