using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RecoveryCluster.Grains;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// The <c>ApiKey</c> scheme: a key in header <c>X-Api-Key</c> (or the cookie a browser gets from <c>/?apiKey=</c>)
/// becomes a principal named after the key's holder, with a role claim for its role and every role below it.
/// Refusals are RFC 7807 problems: 401 without a known key, 403 when the key's role is too low. With no key
/// configured every request is the operator <see cref="Anonymous"/>, as before keys existed. Refusals are counted
/// (<c>rc.api.refusals</c> by reason) and logged, not audited: they change nothing, and a flood of unknown keys must not
/// fill the audit trail.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys apiKeys, IProblemDetailsService problems,
    RecoveryInstruments instruments, RefusalLogThrottle refusalLog)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string CookieName = "rc_api_key";

    /// <summary>The name actions are recorded under when no key is configured.</summary>
    public const string Anonymous = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = apiKeys.Current;
        if (!keys.Enabled)
        {
            return Task.FromResult(Success(Anonymous, ApiRole.Operator));
        }

        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message reaches the debug log, so it never quotes what was presented.
        return Task.FromResult(keys.Find(presented) is { } key ? Success(key.Name, key.Role) : AuthenticateResult.Fail("The API key is not known."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        var missing = Presented() is null;
        var detail = missing
            ? $"Send an API key in the '{HeaderName}' header."
            : $"The key in '{HeaderName}' is not valid here; check for a rotated or mistyped key.";
        instruments.ApiRefusals.Add(1, new KeyValuePair<string, object?>("reason", missing ? "missing-key" : "unknown-key"));
        if (!missing && refusalLog.Throttle.TryEnter(out var heldBack))
        {
            LogUnknownKey(Request.Method, Request.Path, Context.Connection.RemoteIpAddress?.ToString() ?? "unknown", heldBack);
        }

        await WriteAsync(StatusCodes.Status401Unauthorized, "API key required", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirstValue(ApiPolicies.KeyRoleClaim) ?? "unknown";
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).Where(ApiPolicies.IsRole).OrderByDescending(ApiPolicies.Rank).FirstOrDefault() ?? ApiPolicies.Operator;
        instruments.ApiRefusals.Add(1, new KeyValuePair<string, object?>("reason", "role-too-low"));
        LogRoleTooLow(Context.User.Identity?.Name ?? "unknown", role, needed, Request.Method, Request.Path);
        await WriteAsync(StatusCodes.Status403Forbidden, "Role too low",
            $"The key '{Context.User.Identity?.Name}' has the role {role}; this request needs {needed}.");
    }

    private string? Presented()
    {
        var header = Request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header : Request.Cookies[CookieName] is { Length: > 0 } cookie ? cookie : null;
    }

    private AuthenticateResult Success(string name, ApiRole role)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ApiPolicies.KeyRoleClaim, ApiKeySet.Name(role)) };
        claims.AddRange(Enum.GetValues<ApiRole>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, ApiKeySet.Name(r))));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private ValueTask WriteAsync(int status, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = { Status = status, Title = title, Detail = detail } });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Remote}: the API key presented is not known (rotated, mistyped or guessed); {HeldBack} more such refusals since the last line")]
    private partial void LogUnknownKey(string method, string path, string remote, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the key '{KeyName}' has the role {Role}; the route needs {Needed}")]
    private partial void LogRoleTooLow(string keyName, string role, string needed, string method, string path);
}
