using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Silo.Api;

/// <summary>The lower-case names the API uses for enum values.</summary>
public static class ApiNames
{
    public static string Of(CircuitState state) => state switch
    {
        CircuitState.HalfOpen => "half-open",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Of(ErrorStatus status) => status.ToString().ToLowerInvariant();
}
