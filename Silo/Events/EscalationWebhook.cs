using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RecoveryCluster.Diagnostics;
using RecoveryCluster.Errors;
using RecoveryCluster.Events;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Events;

namespace RecoveryCluster.Silo.Events;

/// <summary>
/// Posts each escalation record to the configured URL from the silo where the error escalated, retrying with
/// exponential backoff; every delivery's result goes to the cluster's <see cref="IWebhookStatusGrain"/> for
/// diagnostics. Escalations wait in a bounded queue, so a dead endpoint never holds up recovery.
/// </summary>
public sealed partial class EscalationWebhook : BackgroundService, IRecoveryEventSink
{
    private readonly EscalationWebhookOptions _options;
    private readonly Channel<EscalationRecord> _queue;
    private readonly IGrainFactory _grains;
    private readonly RecoveryClock _clock;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<EscalationWebhook> _logger;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ResiliencePipeline _pipeline;
    private long _dropped;

    public EscalationWebhook(
        IOptions<EscalationWebhookOptions> options, IGrainFactory grains, RecoveryClock clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<EscalationWebhook> logger)
    {
        _options = options.Value;
        _grains = grains;
        _clock = clock;
        _json = json.Value.SerializerOptions;
        _logger = logger;
        _queue = Channel.CreateBounded<EscalationRecord>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.InitialDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    /// <summary>Escalations dropped on this silo because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Escalations waiting on this silo.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Where deliveries go, without its query string (which may hold a token).</summary>
    public string? Destination => _options.Enabled && Uri.TryCreate(_options.Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : null;

    public void Offer(RecoveryEvent e)
    {
        if (!_options.Enabled || e.Kind != RecoveryEventKind.Escalated || e.Escalation is not { } record)
        {
            return;
        }

        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            LogQueueFull(record.ErrorId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            await foreach (var record in _queue.Reader.ReadAllAsync(stoppingToken))
            {
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
        var attempts = 0;
        string? lastFailure = null;
        try
        {
            await _pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                try
                {
                    using var response = await _http.PostAsJsonAsync(_options.Url, record, _json, ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
                    }
                }
                catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    lastFailure = error is OperationCanceledException ? $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s" : error.Message;
                    LogAttemptFailed(record.ErrorId, attempts, lastFailure);
                    throw;
                }
            }, stoppingToken);
            return new WebhookDelivery(record.ErrorId, true, attempts, lastFailure, _clock.UtcNow);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException)
        {
            LogAbandoned(record.ErrorId, attempts, lastFailure ?? error.Message);
            return new WebhookDelivery(record.ErrorId, false, attempts, lastFailure ?? error.Message, _clock.UtcNow);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation webhook attempt {Attempt} for error '{ErrorId}' failed: {Reason}")]
    private partial void LogAttemptFailed(string errorId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation webhook gave up on error '{ErrorId}' after {Attempts} attempts: {Reason}")]
    private partial void LogAbandoned(string errorId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation webhook queue is full; the escalation of '{ErrorId}' is not posted (it is still in the escalation registry)")]
    private partial void LogQueueFull(string errorId);
}
