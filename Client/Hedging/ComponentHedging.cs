using System.Collections.Concurrent;
using Polly;
using Polly.Hedging;
using RecoveryCluster.Policies;

namespace RecoveryCluster.Client.Hedging;

/// <summary>
/// One component's hedging as the fleet last told this worker: the policy, the learned delay per operation, and the
/// Polly hedging pipeline built for it (rebuilt when the number of hedges changes; the delay is read per call).
/// </summary>
internal sealed class ComponentHedging(TimeProvider time)
{
    /// <summary>Carries the operation's name to the delay generator.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("rc.hedging.operation");

    private volatile IReadOnlyDictionary<string, TimeSpan> _delays = new Dictionary<string, TimeSpan>();

    public ConcurrentDictionary<string, LatencyWindow> Windows { get; } = new(StringComparer.Ordinal);

    /// <summary>Null while the component has no hedging.</summary>
    public HedgingPolicy? Policy { get; private set; }

    public ResiliencePipeline<object?>? Pipeline { get; private set; }

    public void Apply(HedgingPolicy? policy, IReadOnlyDictionary<string, TimeSpan>? delays)
    {
        _delays = delays ?? new Dictionary<string, TimeSpan>();
        if (policy == Policy)
        {
            return;
        }

        Pipeline = policy is { Enabled: true } ? Build(policy) : null;
        Policy = policy is { Enabled: true } ? policy : null;
    }

    /// <summary>The operation's learned delay; before the fleet has learned one, the fixed delay or else the longest allowed.</summary>
    public TimeSpan DelayOf(string operation) =>
        _delays.TryGetValue(operation, out var learned) ? learned : Policy?.FixedDelay ?? Policy?.MaxDelay ?? TimeSpan.Zero;

    private ResiliencePipeline<object?> Build(HedgingPolicy policy) =>
        new ResiliencePipelineBuilder<object?> { TimeProvider = time }
            .AddHedging(new HedgingStrategyOptions<object?>
            {
                MaxHedgedAttempts = policy.MaxHedgedAttempts,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(OperationKey, out var operation) ? DelayOf(operation) : policy.MaxDelay),
            })
            .Build();
}
