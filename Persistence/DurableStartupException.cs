namespace RecoveryCluster.Persistence;

/// <summary>The durable silo cannot start: the message says what is wrong and which setting to fix.</summary>
public sealed class DurableStartupException(string message) : Exception(message);
