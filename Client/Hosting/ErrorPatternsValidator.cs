using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Remediation;

namespace RecoveryCluster.Client.Hosting;

/// <summary>
/// Checks at start what the options alone cannot: that every pattern's strategy is one this worker can run, that no
/// pattern id is both configured and added in code, and that every correction rule has a pattern to serve.
/// </summary>
internal sealed class ErrorPatternsValidator(StrategyRegistry strategies, IEnumerable<ErrorPattern> added, IEnumerable<ErrorCorrectionRule> rules)
    : IValidateOptions<RecoveryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, RecoveryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var inCode = added.ToList();
        for (var i = 0; i < options.Patterns.Count; i++)
        {
            if (options.Patterns[i] is { RecoveryStrategy: { } strategy } && !strategies.TryGet(strategy, out _))
            {
                problems.Add($"Patterns[{i}].RecoveryStrategy: this worker has no strategy '{strategy}'; use one of {string.Join(", ", strategies.Ids.Order(StringComparer.Ordinal))} or register it with AddStrategy<T>().");
            }

            if (options.Patterns[i]?.Id is { } id && inCode.Exists(p => p.Id == id))
            {
                problems.Add($"Patterns[{i}].Id: '{id}' is also added with AddErrorPattern; keep one of them.");
            }
        }

        foreach (var pattern in inCode.Where(p => p.RecoveryStrategy is not null && !strategies.TryGet(p.RecoveryStrategy, out _)))
        {
            problems.Add($"Error pattern '{pattern.Id}' (AddErrorPattern) names strategy '{pattern.RecoveryStrategy}', which this worker does not have; register it with AddStrategy<T>().");
        }

        var known = DefaultErrorPatterns.All.Select(p => p.Id).Concat(inCode.Select(p => p.Id)).Concat(options.Patterns.Select(p => p?.Id))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var group in rules.GroupBy(r => r.PatternId, StringComparer.Ordinal))
        {
            if (!known.Contains(group.Key))
            {
                problems.Add($"A correction rule is registered for error pattern '{group.Key}', but no pattern has that id; add the pattern or fix the id.");
            }

            if (group.Count() > 1)
            {
                problems.Add($"{group.Count()} correction rules are registered for error pattern '{group.Key}'; register one.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
