namespace RecoveryCluster.Client;

/// <summary>Every recovery level failed and the cluster escalated the error to a person. The original failure is the inner exception.</summary>
public sealed class RecoveryEscalatedException : Exception
{
    public RecoveryEscalatedException(string errorId, string component, Exception innerException)
        : base($"Error '{errorId}' on '{component}' failed every recovery level and was escalated to a person: {innerException.Message}", innerException)
    {
        ErrorId = errorId;
        Component = component;
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
}
