using Microsoft.AspNetCore.Authorization;

namespace RecoveryCluster.Silo.Security;

/// <summary>One authorization policy per role, named after it; routes name the least role they need.</summary>
public static class ApiPolicies
{
    public const string Reader = "reader";
    public const string Reporter = "reporter";
    public const string Operator = "operator";

    /// <summary>The key's own role (the role claims also list the roles it includes).</summary>
    public const string KeyRoleClaim = "rc:key-role";

    public static bool IsRole(string? policy) => policy is Reader or Reporter or Operator;

    public static int Rank(string? policy) => policy switch
    {
        Operator => 2,
        Reporter => 1,
        _ => 0,
    };

    /// <summary>The three policies; anything mapped without one (the page, the dashboard, OpenAPI) needs a reader.</summary>
    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in new[] { Reader, Reporter, Operator })
        {
            options.AddPolicy(role, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(role));
        }

        options.FallbackPolicy = options.GetPolicy(Reader);
    }
}
