using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace RecoveryCluster.ApiTests;

/// <summary>The routes the silo host maps, read from its endpoint data source: (method, pattern) with their metadata.</summary>
public static class RouteTable
{
    private static readonly Lazy<IReadOnlyList<RouteEndpoint>> Mapped = new(Load);

    public static IReadOnlyList<RouteEndpoint> Endpoints => Mapped.Value;

    public static IEnumerable<(string Method, string Pattern, RouteEndpoint Endpoint)> Routes() =>
        Endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Pattern(e), e)));

    public static string Pattern(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    private static List<RouteEndpoint> Load()
    {
        // Built the way the fixtures build it, never started: the route table is all this needs.
        var app = SiloHostFixture.Build(new Dictionary<string, string?>(RolesHost.KeySettings) { ["RecoveryCluster:Silo:HttpPort"] = "1" });
        try
        {
            return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];
        }
        finally
        {
            ((IHost)app).Dispose();
        }
    }
}
