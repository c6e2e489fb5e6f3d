using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>The escalation webhook against a local HTTP listener that fails on cue.</summary>
public sealed class EscalationWebhookTests(EscalationWebhookTests.HookedHost host) : IClassFixture<EscalationWebhookTests.HookedHost>
{
    [Fact]
    public async Task The_webhook_is_retried_until_it_is_taken_and_its_failures_show_in_diagnostics()
    {
        // Requests 1 and 2 fail, 3 is taken; 4, 5 and 6 (the second escalation and both its retries) fail.
        host.Receiver.Respond = n => n == 3 ? HttpStatusCode.OK : HttpStatusCode.InternalServerError;

        var first = await EscalateAsync("first");
        await WaitForAsync(d => d["delivered"]!.GetValue<long>() == 1, "one delivery");
        var bodies = host.Receiver.Bodies;
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b =>
        {
            Assert.Equal(first, b["errorId"]!.GetValue<string>());
            Assert.Equal("system", b["type"]!.GetValue<string>());
            Assert.Equal(5, b["attempts"]!.GetValue<int>());
            Assert.NotEmpty(b["strategiesTried"]!.AsArray());
        });

        var second = await EscalateAsync("second");
        var deliveries = await WaitForAsync(d => d["abandoned"]!.GetValue<long>() == 1, "one abandoned delivery");
        Assert.Equal(6, host.Receiver.Bodies.Count);
        Assert.Equal(2 + 3, deliveries["failedAttempts"]!.GetValue<long>());
        Assert.Contains("500", deliveries["lastFailure"]!.GetValue<string>(), StringComparison.Ordinal);
        var recent = deliveries["recent"]!.AsArray();
        Assert.Equal((second, false, 3), (recent[0]!["errorId"]!.GetValue<string>(), recent[0]!["delivered"]!.GetValue<bool>(), recent[0]!["attempts"]!.GetValue<int>()));
        Assert.Equal((first, true, 3), (recent[1]!["errorId"]!.GetValue<string>(), recent[1]!["delivered"]!.GetValue<bool>(), recent[1]!["attempts"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("ftp://pager.example.com/hook")]
    [InlineData("hooks/escalations")]
    [InlineData("not a url")]
    public async Task A_webhook_url_that_is_not_absolute_http_is_refused_at_start(string url)
    {
        var ports = FreePorts.Take(3);
        await using var app = SiloHostFixture.Build(new Dictionary<string, string?>
        {
            ["RecoveryCluster:Silo:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:Silo:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:Silo:HttpPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:EscalationWebhook:Url"] = url,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("RecoveryCluster:EscalationWebhook:Url must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> EscalateAsync(string name)
    {
        var (_, report) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(RecoveryCluster.ApiTests.Http.NewComponent(name), type: "system"));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"];
        while (plan is not null)
        {
            var (_, result) = await host.Http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId = plan["strategyId"]!.GetValue<string>(),
                attempt = plan["attempt"]!.GetValue<int>(),
                success = false,
                executionTimeSeconds = 0.1,
            });
            Assert.NotNull(result);
            plan = result["nextPlan"];
        }

        return errorId;
    }

    private async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> condition, string expectation)
    {
        for (var i = 0; ; i++)
        {
            var (_, diagnostics) = await host.Http.GetJsonAsync("/api/diagnostics");
            var deliveries = diagnostics!["events"]!["escalationWebhook"]!["deliveries"]!;
            if (condition(deliveries))
            {
                return deliveries;
            }

            Assert.True(i < 800, $"diagnostics did not show {expectation} within 20 s: {deliveries.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public sealed class HookedHost : SiloHostFixture
    {
        public WebhookReceiver Receiver { get; } = new();

        protected override void Configure(WebApplicationBuilder builder)
        {
            builder.Configuration["RecoveryCluster:EscalationWebhook:Url"] = Receiver.Url + "?token=secret";
            builder.Configuration["RecoveryCluster:EscalationWebhook:MaxRetries"] = "2";
            builder.Configuration["RecoveryCluster:EscalationWebhook:InitialDelay"] = "00:00:00.010";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Receiver.Dispose();
        }
    }
}
