using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Client.Classification;

namespace RecoveryCluster.Client;

/// <summary>How a worker talks to the cluster. Section <c>RecoveryCluster:Client</c>.</summary>
/// <remarks>
/// With <c>AddRecoveryClient</c>, <see cref="DefaultOperationTimeout"/>, <see cref="OpenCircuitWait"/> and
/// <see cref="ReleaseSpread"/> reload at run time and apply to the next call (an invalid change is logged and the last
/// valid values kept); everything else (identity, gateways, intervals, buffers, patterns) is read at start.
/// </remarks>
public sealed class RecoveryClientOptions : IValidatableObject
{
    public const string Section = "RecoveryCluster:Client";

    /// <summary>This worker's id; the breaker's quorum counts distinct workers. Defaults to machine name and process id.</summary>
    [Required, MaxLength(Limits.MaxKeyLength)]
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The machine or device id reported with outcomes.</summary>
    [MaxLength(Limits.MaxKeyLength)]
    public string? HardwareId { get; set; } = Environment.MachineName;

    /// <summary>Gateways as <c>host:port</c>; empty means the local silo's gateway on 127.0.0.1:30000.</summary>
    public List<string> Gateways { get; set; } = [];

    [Required]
    public string ClusterId { get; set; } = "recovery-cluster";

    [Required]
    public string ServiceId { get; set; } = "recovery-cluster";

    /// <summary>The timeout of an operation when the call names none.</summary>
    public TimeSpan DefaultOperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a call may wait for an open circuit (the cluster's or this worker's own) to let it through before it
    /// fails with <see cref="CircuitOpenException"/>. A waiting call resumes the moment the cluster's probes close the
    /// circuit (the close is pushed), so the fleet stops calling a sick component without failing its callers;
    /// zero fails fast. Like the total request timeout of Polly's standard pipeline, 30 s by default.
    /// </summary>
    public TimeSpan OpenCircuitWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When a circuit closes, the calls it held are let through spread at random over this time, so a recovered
    /// component does not meet the whole backlog at once (which can overload it again); zero releases them together.
    /// </summary>
    public TimeSpan ReleaseSpread { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a worker's operation waits on the cluster (subscribe, probe, report) before it goes on without it.</summary>
    public TimeSpan ClusterCallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often breaker subscriptions are renewed (they expire on the silo after 5 minutes, and vanish when a silo restarts).</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often batched success counts are sent to the breakers.</summary>
    public TimeSpan SuccessFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The window after a recovery over which the component's stability is measured.</summary>
    public TimeSpan StabilityWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The local breaker, used for this worker's own failures and while the cluster is unreachable.</summary>
    public LocalBreakerOptions LocalBreaker { get; set; } = new();

    /// <summary>
    /// Whether host start-up waits for the first connection to the cluster, at most <see cref="StartWaitTimeout"/>. Off
    /// by default: the host starts and operations run (with local recovery) while the client connects in the background.
    /// </summary>
    public bool WaitForClusterOnStart { get; set; }

    /// <summary>The longest start-up waits when <see cref="WaitForClusterOnStart"/> is on; then it goes on without the cluster.</summary>
    public TimeSpan StartWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest pause between two attempts to reach the cluster: the first connection backs off exponentially from
    /// 0.5 s (±25 % jitter) up to this, and after losing every gateway they are tried again at least this often.
    /// </summary>
    public TimeSpan ConnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failures recovered locally while the cluster was out of reach, sent when it returns.</summary>
    public OfflineBufferOptions OfflineBuffer { get; set; } = new();

    /// <summary>
    /// Error patterns added to the defaults (one with a default's id replaces it), e.g. from
    /// <c>RecoveryCluster:Client:Patterns:0:Id</c>, <c>:Regex</c>, <c>:Type</c>, <c>:RecoveryStrategy</c>, <c>:MaxRetries</c>,
    /// <c>:Metadata:key</c>. A pattern's strategy must be one this worker can run.
    /// </summary>
    public List<ErrorPatternOptions> Patterns { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(DefaultOperationTimeout), DefaultOperationTimeout), (nameof(ClusterCallTimeout), ClusterCallTimeout),
                     (nameof(ResubscribeInterval), ResubscribeInterval), (nameof(SuccessFlushInterval), SuccessFlushInterval),
                     (nameof(StabilityWindow), StabilityWindow), (nameof(StartWaitTimeout), StartWaitTimeout),
                     (nameof(ConnectMaxDelay), ConnectMaxDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{name} must be positive.", [name]);
            }
        }

        if (OpenCircuitWait < TimeSpan.Zero || ReleaseSpread < TimeSpan.Zero)
        {
            yield return new ValidationResult("OpenCircuitWait and ReleaseSpread must not be negative.", [nameof(OpenCircuitWait)]);
        }

        if (ResubscribeInterval >= TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("ResubscribeInterval must be below the silo's 5-minute observer expiry.", [nameof(ResubscribeInterval)]);
        }

        foreach (var gateway in Gateways)
        {
            if (!GatewayAddress.TryParse(gateway, out _))
            {
                yield return new ValidationResult($"Gateway '{gateway}' is not host:port.", [nameof(Gateways)]);
            }
        }

        for (var i = 0; i < Patterns.Count; i++)
        {
            foreach (var problem in Patterns[i]?.Validate(i) ?? [new ValidationResult($"Patterns[{i}] is empty.", [$"Patterns[{i}]"])])
            {
                yield return problem;
            }
        }

        foreach (var twice in Patterns.Where(p => p?.Id is not null).GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"Patterns: the id '{twice.Key}' is used {twice.Count()} times; pattern ids must be unique.", [nameof(Patterns)]);
        }

        foreach (var result in LocalBreaker.Validate().Concat(OfflineBuffer.Validate()))
        {
            yield return result;
        }
    }
}
