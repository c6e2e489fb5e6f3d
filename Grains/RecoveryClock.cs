namespace RecoveryCluster.Grains;

/// <summary>
/// The clock that recovery decisions read (breaker timeouts, regression windows, trends). It is kept apart from the
/// TimeProvider Orleans itself uses, so a test can move recovery time without disturbing the runtime's own timers.
/// </summary>
public sealed class RecoveryClock(TimeProvider timeProvider)
{
    public static RecoveryClock System { get; } = new(TimeProvider.System);

    public TimeProvider TimeProvider { get; } = timeProvider;

    public DateTimeOffset UtcNow => TimeProvider.GetUtcNow();
}
