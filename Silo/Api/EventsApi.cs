using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RecoveryCluster.Analytics;
using RecoveryCluster.Diagnostics;
using RecoveryCluster.Events;
using RecoveryCluster.Grains.Events;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Events;
using RecoveryCluster.Silo.Security;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>GET /api/events</c> (Server-Sent Events) and <c>GET /api/anomalies</c>.</summary>
public static class EventsApi
{
    /// <summary>Events buffered per stream before a slow reader loses new ones.</summary>
    public const int StreamBuffer = 1024;

    /// <summary>A comment line this often keeps proxies from closing an idle stream and notices a gone client.</summary>
    public static TimeSpan KeepAlive { get; } = TimeSpan.FromSeconds(15);

    private static readonly string[] KnownMetrics = [AnomalyMetrics.DecisionLatency, AnomalyMetrics.ErrorRate, AnomalyMetrics.SuccessRate, AnomalyMetrics.ExecutionTime];

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", StreamAsync).WithTags("Events").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireAuthorization(ApiPolicies.Reader);
        app.MapGet("/api/anomalies", AnomaliesAsync).WithTags("Events").RequireAuthorization(ApiPolicies.Reader);
        return app;
    }

    /// <summary>
    /// Streams events as they happen: <c>id:</c> the event id, <c>event:</c> its kind, <c>data:</c> the event as JSON.
    /// Filters: <c>component</c>, <c>errorType</c>, <c>kind</c> (comma-separated kinds, e.g. <c>resolved,escalated</c>).
    /// </summary>
    public static async Task<IResult> StreamAsync(
        HttpContext http, string? component, string? errorType, string? kind, RecoveryEventFeed feed, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.OptionalKey(component, "component", errors);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        var kinds = Kinds(kind, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var aborted = http.RequestAborted;
        RecoveryEventSubscription subscription;
        try
        {
            subscription = await feed.SubscribeAsync(new RecoveryEventFilter(component, type, kinds), StreamBuffer, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return TypedResults.Empty;
        }

        http.Response.Headers["X-Accel-Buffering"] = "no";
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        return TypedResults.ServerSentEvents(ItemsAsync(subscription, http.Response, options, aborted));
    }

    /// <summary>The subscription's events as they come, until the client goes away; disposing the subscription releases it.</summary>
    private static async IAsyncEnumerable<SseItem<string>> ItemsAsync(
        RecoveryEventSubscription subscription, HttpResponse response, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken aborted)
    {
        using (subscription)
        {
            // The comment tells the reader the subscription is in place: events after it are not missed.
            if (!await CommentAsync(response, "subscribed", aborted))
            {
                yield break;
            }

            while (await WaitForEventsAsync(subscription, response, aborted))
            {
                while (subscription.Reader.TryRead(out var e))
                {
                    yield return new SseItem<string>(JsonSerializer.Serialize(e, options), JsonNamingPolicy.KebabCaseLower.ConvertName(e.Kind.ToString()))
                    {
                        EventId = e.EventId,
                    };
                }
            }
        }
    }

    /// <summary>Waits for events, sending a keep-alive comment after each idle <see cref="KeepAlive"/>; false when the stream is over.</summary>
    private static async Task<bool> WaitForEventsAsync(RecoveryEventSubscription subscription, HttpResponse response, CancellationToken aborted)
    {
        while (!aborted.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            idle.CancelAfter(KeepAlive);
            try
            {
                return await subscription.Reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                if (!await CommentAsync(response, "keep-alive", aborted))
                {
                    return false;
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
        }

        return false;
    }

    /// <summary>
    /// Writes an SSE comment line. <see cref="SseItem{T}"/> has no comments, so they go straight to the body: the
    /// formatter has written every earlier item by the time it asks for the next one, so the order holds.
    /// False when the client went away.
    /// </summary>
    private static async Task<bool> CommentAsync(HttpResponse response, string text, CancellationToken aborted)
    {
        try
        {
            await response.WriteAsync($": {text}\n\n", aborted);
            await response.Body.FlushAsync(aborted);
            return true;
        }
        catch (Exception error) when (error is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<Anomaly>>, ValidationProblem>> AnomaliesAsync(string? metric, int? limit, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var take = ApiValidation.Limit(limit, errors);
        if (metric is not null && !KnownMetrics.Contains(metric, StringComparer.Ordinal))
        {
            errors["metric"] = [$"'{ApiProblems.Shorten(metric)}' is not a watched metric; use one of {string.Join(", ", KnownMetrics)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hub = grains.GetGrain<IRecoveryEventHubGrain>(IRecoveryEventHubGrain.DefaultKey);
        var anomalies = await hub.GetAnomaliesAsync(metric is null ? take : Grains.Analytics.AnomalyOptions.MaxKept);
        IReadOnlyList<Anomaly> matching = [.. anomalies.Where(a => metric is null || a.Metric == metric).Take(take)];
        return TypedResults.Ok(matching);
    }

    /// <summary>The figures <c>GET /api/diagnostics</c> shows for the event stream and the webhook.</summary>
    public static async Task<EventsDiagnostics> DiagnosticsAsync(IGrainFactory grains, IServiceProvider services)
    {
        var publisher = services.GetRequiredService<RecoveryEventPublisher>();
        var feed = services.GetRequiredService<RecoveryEventFeed>();
        var webhook = services.GetRequiredService<EscalationWebhook>();
        var deliveries = await grains.GetGrain<IWebhookStatusGrain>(IWebhookStatusGrain.DefaultKey).GetAsync();
        return new EventsDiagnostics(
            publisher.Published, publisher.Dropped, feed.Subscribers, feed.Received, feed.Dropped,
            new WebhookDiagnostics(webhook.Destination is not null, webhook.Destination, webhook.Queued, webhook.Dropped, deliveries));
    }

    private static HashSet<RecoveryEventKind>? Kinds(string? names, Dictionary<string, string[]> errors)
    {
        if (names is null)
        {
            return null;
        }

        var byName = Enum.GetValues<RecoveryEventKind>().ToDictionary(k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()), StringComparer.OrdinalIgnoreCase);
        var kinds = new HashSet<RecoveryEventKind>();
        foreach (var name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!byName.TryGetValue(name, out var k))
            {
                errors["kind"] = [$"'{ApiProblems.Shorten(name)}' is not an event kind; use {string.Join(", ", byName.Keys)}."];
                return null;
            }

            kinds.Add(k);
        }

        if (kinds.Count == 0)
        {
            errors["kind"] = ["'kind' names no event kind."];
        }

        return kinds;
    }
}
