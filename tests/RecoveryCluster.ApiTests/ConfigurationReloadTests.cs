using System.Net;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Errors;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>Keys, breaker defaults and recovery rules change with configuration while the silo runs, without a restart.</summary>
public sealed class ConfigurationReloadTests
{
    private const string Keys = ReloadingHost.Keys;

    [Fact]
    public async Task A_key_added_at_run_time_is_accepted_and_a_removed_one_refused_without_a_restart()
    {
        await using var host = new ReloadingHost();
        await host.InitializeAsync();
        using var old = host.ClientWith(ReloadingHost.OldKey);
        using var added = host.ClientWith(ReloadingHost.NewKey);
        Http.AssertProblem(HttpStatusCode.Unauthorized, await added.GetJsonAsync("/api/status"));

        host.Settings.Change(new Dictionary<string, string?>
        {
            [Keys + "1:Name"] = "ops",
            [Keys + "1:Role"] = "operator",
            [Keys + "1:Key"] = ReloadingHost.NewKey,
        });
        await Eventually.HoldsAsync(async () => await StatusAsync(added, "/api/audit") == HttpStatusCode.OK, "the added key opens the operator routes");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old, "/api/audit"));

        // The rotation's last step: only the new key is left.
        host.Settings.Change(new Dictionary<string, string?>
        {
            [Keys + "0:Key"] = ReloadingHost.NewKey,
            [Keys + "1:Name"] = null,
            [Keys + "1:Role"] = null,
            [Keys + "1:Key"] = null,
        });
        await Eventually.HoldsAsync(async () => await StatusAsync(old, "/api/status") == HttpStatusCode.Unauthorized, "the removed key is refused");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(added, "/api/audit"));
    }

    [Fact]
    public async Task An_invalid_key_list_on_reload_keeps_the_last_valid_keys_and_logs_the_setting()
    {
        await using var host = new ReloadingHost();
        await host.InitializeAsync();
        using var old = host.ClientWith(ReloadingHost.OldKey);
        using var added = host.ClientWith(ReloadingHost.NewKey);

        host.Settings.Change(new Dictionary<string, string?>
        {
            [Keys + "1:Name"] = "pager",
            [Keys + "1:Role"] = "admin",
            [Keys + "1:Key"] = ReloadingHost.NewKey,
        });

        await Eventually.HoldsAsync(
            () => host.Logs.Lines.Any(l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains(Keys + "1:Role 'admin' is not a role", StringComparison.Ordinal)),
            "the rejected key list is logged as an error naming the setting");
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(ReloadingHost.NewKey, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old, "/api/audit"));
        Http.AssertProblem(HttpStatusCode.Unauthorized, await added.GetJsonAsync("/api/status"));

        // Fixed, the list applies.
        host.Settings.Change(Keys + "1:Role", "reader");
        await Eventually.HoldsAsync(async () => await StatusAsync(added, "/api/status") == HttpStatusCode.OK, "the corrected key list applies");
    }

    [Fact]
    public async Task A_changed_breaker_default_applies_to_a_running_breaker()
    {
        await using var host = new ReloadingHost();
        await host.InitializeAsync();
        var breaker = host.Grains.GetGrain<ICircuitBreakerGrain>(Http.NewComponent("reloaded-breaker"));
        var failure = new FailureSignal("worker-a", ErrorType.Database, ErrorSeverity.Critical, "connection refused");
        Assert.Equal(CircuitState.Closed, (await breaker.RecordFailureAsync(failure)).Circuit.State);

        // Five failures open it by default; two do once the default changes.
        host.Settings.Change("RecoveryCluster:CircuitBreaker:FailureThreshold", "2");

        Assert.Equal(CircuitState.Open, (await breaker.RecordFailureAsync(failure)).Circuit.State);
    }

    [Fact]
    public async Task A_changed_recovery_rule_is_used_by_the_next_report()
    {
        await using var host = new ReloadingHost();
        await host.InitializeAsync();
        using var client = host.ClientWith(ReloadingHost.OldKey);
        var component = Http.NewComponent("reloaded-rules");
        string? errorId = null;
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await client.PostAsync("/api/errors", Http.Report(component));
            Assert.Equal(HttpStatusCode.Created, status);
            errorId = body!["errorId"]!.GetValue<string>();
        }

        Assert.Equal(3, (await RelatedAsync(client, errorId!)).Count);

        host.Settings.Change("RecoveryCluster:Recovery:RelatedErrorsKept", "2");
        await client.PostAsync("/api/errors", Http.Report(component));

        Assert.Equal(2, (await RelatedAsync(client, errorId!)).Count);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.GetJsonAsync(path)).Status;

    private static async Task<System.Text.Json.Nodes.JsonArray> RelatedAsync(HttpClient client, string errorId)
    {
        var (status, body) = await client.GetJsonAsync($"/api/errors/{errorId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["relatedErrors"]!.AsArray();
    }
}
