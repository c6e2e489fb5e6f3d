using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RecoveryCluster.ApiTests;

/// <summary>
/// Least privilege, route by route: every route the host maps (read from its route table, so a new route is tested the
/// day it is added) × no key, a wrong key and each role's key → 401, 403, or let through.
/// </summary>
public sealed partial class AccessMatrixTests(RolesHost host) : IClassFixture<RolesHost>
{
    /// <summary>
    /// The least role each route needs, as the issue states it: GET routes need a reader unless listed here; every other
    /// method must be listed, so a new state-changing route fails this test until someone decides who may call it.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Anonymous,
        ["GET /readyz"] = Anonymous,
        ["GET /api/audit"] = "operator",
        ["POST /api/errors/"] = "reporter",
        ["POST /api/errors/{errorId}/attempts"] = "reporter",
        ["POST /api/errors/{errorId}/resolve"] = "operator",
        ["POST /api/circuits/{component}/isolate"] = "operator",
        ["POST /api/circuits/{component}/reset"] = "operator",
        ["POST /api/recovery/reset"] = "operator",
        ["PUT /api/components/{component}/policy"] = "operator",
    };

    private const string Anonymous = "anonymous";

    private static readonly (string Label, string? Key, string? Role)[] Callers =
    [
        ("no key", null, null),
        ("a wrong key", "wrong-key-00000000", null),
        ("the reader key", RolesHost.ReaderKey, "reader"),
        ("the reporter key", RolesHost.ReporterKey, "reporter"),
        ("the operator key", RolesHost.OperatorKey, "operator"),
        ("the legacy ApiKey", RolesHost.LegacyKey, "operator"),
    ];

    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, pattern, _) in RouteTable.Routes())
        {
            data.Add(method, pattern);
        }

        return data;
    }

    [Fact]
    public void The_route_table_holds_every_documented_route()
    {
        // Guards the generator itself: were the table read wrong, the theory below would test nothing.
        var routes = RouteTable.Routes().Select(r => $"{r.Method} {r.Pattern}").ToHashSet(StringComparer.Ordinal);
        Assert.All(Expected.Keys, route => Assert.Contains(route, routes));
        Assert.Contains("GET /dashboard/", routes);
        Assert.Contains("GET /openapi/{documentName}.json", routes);
        Assert.True(routes.Count >= 25, $"Only {routes.Count} routes were read from the route table.");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_caller_gets_401_403_or_through_as_its_role_allows(string method, string pattern)
    {
        var needed = Expected.TryGetValue($"{method} {pattern}", out var role) ? role
            : method == "GET" ? "reader"
            : throw new Xunit.Sdk.XunitException($"{method} {pattern} changes state but has no expected role: add it to {nameof(Expected)}.");
        var path = Concrete(pattern);
        foreach (var (label, key, callerRole) in Callers)
        {
            var status = await SendAsync(method, path, key);
            var because = $"{method} {path} with {label} (needs {needed})";
            if (needed == Anonymous)
            {
                Assert.True(status.Code == HttpStatusCode.OK, $"{because}: {status.Code}");
            }
            else if (callerRole is null)
            {
                Assert.True(status.Code == HttpStatusCode.Unauthorized && status.Problem, $"{because}: {status.Code}, problem details {status.Problem}");
            }
            else if (Rank(callerRole) < Rank(needed))
            {
                Assert.True(status.Code == HttpStatusCode.Forbidden && status.Problem, $"{because}: {status.Code}, problem details {status.Problem}");
            }
            else
            {
                // Through authorization; what the route then makes of the sample input (404 for an unknown id, say) is its own business.
                Assert.True(status.Code is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden && (int)status.Code < 500, $"{because}: {status.Code}");
            }
        }
    }

    [Fact]
    public async Task A_forbidden_answer_names_the_key_its_role_and_the_role_needed()
    {
        using var reader = host.ClientWith(RolesHost.ReporterKey);
        var (status, body) = await reader.PostAsync("/api/circuits/orders-db/isolate", new { reason = "test" });
        Http.AssertProblem(HttpStatusCode.Forbidden, (status, body));
        Assert.Equal("The key 'workers' has the role reporter; this request needs operator.", body!["detail"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Code, bool Problem)> SendAsync(string method, string path, string? key)
    {
        using var client = host.ClientWith(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only: the event stream and the dashboard's trace never end.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/problem+json");
    }

    private static int Rank(string role) => role switch
    {
        "operator" => 2,
        "reporter" => 1,
        _ => 0,
    };

    /// <summary>A path for a pattern: each parameter gets a sample value of its kind.</summary>
    private static string Concrete(string pattern) => Parameter().Replace(pattern, m => m.Groups["name"].Value switch
    {
        "errorId" => "database-0000000000000000",
        "component" => "matrix-db",
        "errorType" => "database",
        "documentName" => "v1",
        _ when m.Value.Contains(":int", StringComparison.Ordinal) => "1",
        _ => "sample",
    });

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
