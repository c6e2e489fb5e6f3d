using System.Security.Cryptography;
using System.Text;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// Refuses every request without the API key (401 problem details), except the health probes. Browsers present
/// the key once as <c>?apiKey=</c> and keep it in an HTTP-only cookie, so the page and the dashboard work too.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, string apiKey)
{
    public const string HeaderName = "X-Api-Key";
    public const string CookieName = "rc_api_key";
    private readonly byte[] _key = Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz"))
        {
            await next(context);
            return;
        }

        if (context.Request.Query.TryGetValue("apiKey", out var fromQuery) && Matches(fromQuery))
        {
            context.Response.Cookies.Append(CookieName, fromQuery!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
            context.Response.Redirect(path.HasValue ? path.Value! : "/");
            return;
        }

        if (Matches(context.Request.Headers[HeaderName]) || Matches(context.Request.Cookies[CookieName]))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = 401, Title = "API key required", Detail = $"Send the API key in the '{HeaderName}' header." },
        });
    }

    private bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
