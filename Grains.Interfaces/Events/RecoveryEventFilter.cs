using RecoveryCluster.Errors;

namespace RecoveryCluster.Events;

/// <summary>Which events a subscription wants; null means any.</summary>
/// <param name="Component">Only events of this component.</param>
/// <param name="ErrorType">Only events of errors of this type (breaker and anomaly events have none, so they are left out).</param>
/// <param name="Kinds">Only these kinds.</param>
public sealed record RecoveryEventFilter(string? Component = null, ErrorType? ErrorType = null, IReadOnlySet<RecoveryEventKind>? Kinds = null)
{
    public static RecoveryEventFilter All { get; } = new();

    public bool Matches(RecoveryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Component is null || string.Equals(e.Component, Component, StringComparison.Ordinal))
            && (ErrorType is null || e.ErrorType == ErrorType)
            && (Kinds is null || Kinds.Contains(e.Kind));
    }
}
