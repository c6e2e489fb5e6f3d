using System.Collections.Frozen;

namespace RecoveryCluster.Client.Remediation;

/// <summary>The registered correction rules, one per error pattern id.</summary>
public sealed class ErrorCorrections
{
    private readonly FrozenDictionary<string, ErrorCorrectionRule> _byPattern;

    public ErrorCorrections(IEnumerable<ErrorCorrectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = new Dictionary<string, ErrorCorrectionRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            Guard.Key(rule.PatternId, "patternId");
            ArgumentNullException.ThrowIfNull(rule.ApplyAsync, "applyAsync");
            if (!all.TryAdd(rule.PatternId, rule))
            {
                throw new ArgumentException($"Two correction rules are registered for error pattern '{rule.PatternId}'; register one.", "patternId");
            }
        }

        _byPattern = all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static ErrorCorrections None { get; } = new([]);

    /// <summary>The pattern ids that have a rule.</summary>
    public IReadOnlyCollection<string> PatternIds => _byPattern.Keys;

    public bool TryGet(string patternId, out ErrorCorrectionRule rule) => _byPattern.TryGetValue(patternId, out rule!);
}
