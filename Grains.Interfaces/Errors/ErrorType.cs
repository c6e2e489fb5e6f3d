namespace RecoveryCluster.Errors;

/// <summary>The category of a failure; it decides which recovery strategies apply.</summary>
[GenerateSerializer, Alias("rc.error-type")]
public enum ErrorType
{
    Unknown = 0,
    Network = 1,
    Connection = 2,
    Timeout = 3,
    Worker = 4,
    Task = 5,
    Database = 6,
    Coordinator = 7,
    Resource = 8,
    Hardware = 9,
    System = 10,
    Validation = 11,
}
