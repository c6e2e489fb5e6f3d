namespace RecoveryCluster.Client;

/// <summary>
/// The error is escalated to a person: either this operation's failed level-5 attempt escalated it, or
/// (<see cref="Held"/>) it already was and this operation failed fast or after its one held level-1 attempt. The
/// original failure is the inner exception.
/// </summary>
public sealed class RecoveryEscalatedException : Exception
{
    public RecoveryEscalatedException(string errorId, string component, Exception innerException)
        : this(errorId, component, innerException, held: false)
    {
    }

    public RecoveryEscalatedException(string errorId, string component, Exception innerException, bool held)
        : base(held
            ? $"Error '{errorId}' on '{component}' is already escalated to a person and held; this operation was not recovered: {innerException.Message}"
            : $"Error '{errorId}' on '{component}' failed every recovery level and was escalated to a person: {innerException.Message}", innerException)
    {
        ErrorId = errorId;
        Component = component;
        Held = held;
    }

    public RecoveryEscalatedException()
    {
        ErrorId = Component = string.Empty;
    }

    public RecoveryEscalatedException(string message) : base(message)
    {
        ErrorId = Component = string.Empty;
    }

    public RecoveryEscalatedException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorId = Component = string.Empty;
    }

    public string ErrorId { get; }

    public string Component { get; }

    /// <summary>
    /// True: the error was already escalated (by another operation or an earlier episode step) and is held; this is
    /// not a new escalation. False: this operation's recovery escalated it.
    /// </summary>
    public bool Held { get; }
}
