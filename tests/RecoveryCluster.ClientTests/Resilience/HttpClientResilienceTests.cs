using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Fallback;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Resilience;
using BrokenCircuitException = Polly.CircuitBreaker.BrokenCircuitException;
using CircuitState = RecoveryCluster.CircuitBreaker.CircuitState;

namespace RecoveryCluster.ClientTests.Resilience;

/// <summary>
/// The cluster breaker in an HttpClient's resilience handler, against a real Kestrel endpoint on loopback that answers
/// 503 while it is sick: the 503 results open the fleet's breaker, and a Polly fallback serves the next worker.
/// </summary>
[Collection(ClientCollection.Name)]
public sealed class HttpClientResilienceTests(ClientClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _component = Breakers.NewComponent("quotes-api");
    private WebApplication _server = null!;
    private volatile bool _sick;
    private int _served;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/quote", () =>
        {
            Interlocked.Increment(ref _served);
            return _sick ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("42");
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_503s_of_two_workers_open_the_fleets_breaker_and_a_Polly_fallback_serves_a_third_worker_without_a_request()
    {
        await using var first = Worker("http-worker-1", withFallback: false);
        await using var second = Worker("http-worker-2", withFallback: false);
        await using var third = Worker("http-worker-3", withFallback: true);
        Assert.Equal("42", await Quotes(third).GetStringAsync(new Uri("/quote", UriKind.Relative)));

        _sick = true;
        var refused = 0;
        for (var i = 0; i < 10 && refused < 2; i++)
        {
            refused = 0;
            foreach (var worker in new[] { first, second })
            {
                try
                {
                    using var response = await Quotes(worker).GetAsync(new Uri("/quote", UriKind.Relative));
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                }
                catch (BrokenCircuitException)
                {
                    refused++;
                }
            }
        }

        Assert.Equal(2, refused);
        var thirdClient = third.GetRequiredService<RecoveryClient>();
        await Eventually.HoldsAsync(() => thirdClient.GetCircuitState(_component) == CircuitState.Open, "the third worker hears the breaker open");
        var served = Volatile.Read(ref _served);

        Assert.Equal("cached quote", await Quotes(third).GetStringAsync(new Uri("/quote", UriKind.Relative)));
        Assert.Equal(served, Volatile.Read(ref _served));
        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => Quotes(first).GetAsync(new Uri("/quote", UriKind.Relative)));
        Assert.NotNull(rejected.RetryAfter);
    }

    /// <summary>One worker: its own recovery client, and an HttpClient whose resilience handler takes the cluster breaker from DI.</summary>
    private ServiceProvider Worker(string workerId, bool withFallback)
    {
        var services = new ServiceCollection();
        services.AddSingleton(fixture.NewClient(workerId));
        services.AddHttpClient("quotes", c => c.BaseAddress = BaseAddress())
            .AddResilienceHandler("quotes", (builder, context) =>
            {
                if (withFallback)
                {
                    builder.AddFallback(new FallbackStrategyOptions<HttpResponseMessage>
                    {
                        ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<BrokenCircuitException>(),
                        FallbackAction = _ => Outcome.FromResultAsValueTask(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("cached quote") }),
                    });
                }

                builder.AddClusterCircuitBreaker(context.ServiceProvider, new ClusterCircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    Component = _component,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException || (int?)args.Outcome.Result?.StatusCode >= 500),
                });
            });
        return services.BuildServiceProvider();
    }

    private static HttpClient Quotes(IServiceProvider worker) => worker.GetRequiredService<IHttpClientFactory>().CreateClient("quotes");

    private Uri BaseAddress() => new(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
