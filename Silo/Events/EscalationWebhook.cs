using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using RecoveryCluster.Diagnostics;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Events;

namespace RecoveryCluster.Silo.Events;

/// <summary>
/// Posts each escalation record to the configured URL from the silo where the error escalated, through the
/// <see cref="HttpClientName"/> client whose resilience handler retries with exponential backoff (see
/// <see cref="ConfigureResilience"/>); every delivery's result goes to the cluster's <see cref="IWebhookStatusGrain"/>
/// for diagnostics. Escalations wait in a bounded queue, so a dead endpoint never holds up recovery.
/// </summary>
public sealed partial class EscalationWebhook : BackgroundService, IRecoveryEventSink
{
    /// <summary>The named HTTP client (and resilience pipeline) the deliveries go through.</summary>
    public const string HttpClientName = "escalation-webhook";

    private static readonly ResiliencePropertyKey<WebhookAttempts> AttemptsKey = new("rc.webhook.attempts");

    private readonly IOptionsMonitor<EscalationWebhookOptions> _options;
    private readonly Channel<EscalationRecord> _queue;
    private readonly IGrainFactory _grains;
    private readonly RecoveryClock _clock;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<EscalationWebhook> _logger;
    private readonly IHttpClientFactory _clients;
    private long _dropped;

    public EscalationWebhook(
        IOptionsMonitor<EscalationWebhookOptions> options, IGrainFactory grains, RecoveryClock clock, IHttpClientFactory clients,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<EscalationWebhook> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _grains = grains;
        _clock = clock;
        _clients = clients;
        _json = json.Value.SerializerOptions;
        _logger = logger;
        _queue = Channel.CreateBounded<EscalationRecord>(new BoundedChannelOptions(options.CurrentValue.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    /// <summary>
    /// Retries with exponential backoff and jitter, each attempt under its own timeout. Any answer but 2xx is a failed
    /// attempt, as are network errors and timeouts: a receiver that refuses a record now may take it after a fix.
    /// </summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, EscalationWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.InitialDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(Failure(args.Outcome, options) is not null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(AttemptsKey, out var attempts))
                    {
                        attempts.Failed(Failure(args.Outcome, options)!);
                    }

                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout);
    }

    /// <summary>Why an attempt failed, or null when it delivered.</summary>
    private static string? Failure(Outcome<HttpResponseMessage> outcome, EscalationWebhookOptions options) => outcome switch
    {
        { Exception: TimeoutRejectedException } => $"no answer within {options.AttemptTimeout.TotalSeconds:0.###} s",
        { Exception: HttpRequestException error } => error.Message,
        { Result: { IsSuccessStatusCode: false } response } => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
        _ => null,
    };

    /// <summary>Escalations dropped on this silo because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Escalations waiting on this silo.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Where deliveries go, without its query string (which may hold a token).</summary>
    public string? Destination => _options.CurrentValue is { Enabled: true } current && Uri.TryCreate(current.Url, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Path)
        : null;

    public void Offer(RecoveryEvent e)
    {
        if (!_options.CurrentValue.Enabled || e.Kind != RecoveryEventKind.Escalated || e.Escalation is not { } record)
        {
            return;
        }

        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            LogQueueFull(record.ErrorId);
        }
    }

    /// <summary>Runs whether or not a URL is set, since one may be configured (or removed) while the silo runs.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_options.CurrentValue.Enabled)
                {
                    // Turned off while it waited: the escalation is still in the registry and the logs.
                    continue;
                }

                var delivery = await DeliverAsync(record, stoppingToken);
                _ = _grains.GetGrain<IWebhookStatusGrain>(IWebhookStatusGrain.DefaultKey).RecordAsync(delivery);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: escalations still queued are in the registry and the logs.
        }
    }

    private async Task<WebhookDelivery> DeliverAsync(EscalationRecord record, CancellationToken stoppingToken)
    {
        var options = _options.CurrentValue;
        var attempts = new WebhookAttempts(record.ErrorId, LogAttemptFailed);
        var context = ResilienceContextPool.Shared.Get(stoppingToken);
        context.Properties.Set(AttemptsKey, attempts);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = JsonContent.Create(record, options: _json) };
            request.SetResilienceContext(context);
            using var response = await _clients.CreateClient(HttpClientName).SendAsync(request, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                return new WebhookDelivery(record.ErrorId, true, attempts.Failures + 1, attempts.LastFailure, _clock.UtcNow);
            }

            attempts.Failed(Failure(Outcome.FromResult(response), options)!);
        }
        catch (Exception error) when (error is TimeoutRejectedException or HttpRequestException)
        {
            attempts.Failed(Failure(Outcome.FromException<HttpResponseMessage>(error), options)!);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        LogAbandoned(record.ErrorId, attempts.Failures, attempts.LastFailure!);
        return new WebhookDelivery(record.ErrorId, false, attempts.Failures, attempts.LastFailure, _clock.UtcNow);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation webhook attempt {Attempt} for error '{ErrorId}' failed: {Reason}")]
    private partial void LogAttemptFailed(string errorId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation webhook gave up on error '{ErrorId}' after {Attempts} attempts: {Reason}")]
    private partial void LogAbandoned(string errorId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation webhook queue is full; the escalation of '{ErrorId}' is not posted (it is still in the escalation registry)")]
    private partial void LogQueueFull(string errorId);
}
