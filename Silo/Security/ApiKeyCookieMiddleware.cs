namespace RecoveryCluster.Silo.Security;

/// <summary>
/// A browser cannot send a header when a person opens the page, so <c>?apiKey=</c> with a known key is traded once for
/// an HTTP-only cookie and a redirect that drops the key from the address bar. An unknown key is ignored (the request
/// then meets the ordinary 401).
/// </summary>
public sealed class ApiKeyCookieMiddleware(RequestDelegate next, ApiKeys apiKeys)
{
    public const string QueryName = "apiKey";

    public Task InvokeAsync(HttpContext context)
    {
        var keys = apiKeys.Current;
        if (keys.Enabled && context.Request.Query.TryGetValue(QueryName, out var presented) && keys.Find(presented) is not null)
        {
            context.Response.Cookies.Append(ApiKeyAuthenticationHandler.CookieName, presented.ToString(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
            var path = context.Request.Path;
            context.Response.Redirect(path.HasValue ? path.Value! : "/");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
