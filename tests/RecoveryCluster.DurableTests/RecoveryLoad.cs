using System.Collections.Concurrent;
using RecoveryCluster.Errors;

namespace RecoveryCluster.DurableTests;

/// <summary>
/// Workers reporting failures and recording outcomes as fast as the cluster answers, counting what the cluster
/// acknowledged. A refused argument is a wrong answer (the cluster forgot a plan it issued); anything else that
/// fails is the retryable kind a worker retries later.
/// </summary>
internal sealed class RecoveryLoad(IGrainFactory grains, int errors, int workers, int seed)
{
    private static readonly ErrorType[] Types = [ErrorType.Network, ErrorType.Database, ErrorType.Timeout];
    private int _acknowledged;
    private int _retryable;

    public ConcurrentDictionary<string, int> AcknowledgedByError { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> AcknowledgedByPair { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> RetryableByType { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> WrongAnswers { get; } = new();

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Retryable => Volatile.Read(ref _retryable);

    public IReadOnlyList<ErrorOccurrence> Occurrences { get; } = [.. Enumerable.Range(0, errors).Select(i =>
        DurableTests.Occurrences.Of(Types[i % Types.Length], $"service-{i % 6}", $"fault number {i}", severity: ErrorSeverity.Low))];

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, stop), CancellationToken.None)));

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var random = new Random(seed * 1000 + worker);
        while (!stop.IsCancellationRequested)
        {
            var occurrence = Occurrences[random.Next(Occurrences.Count)] with { Timestamp = TimeProvider.System.GetUtcNow() };
            var grain = grains.Grain(occurrence);
            try
            {
                if ((await grain.ReportAsync(occurrence)).Plan is not { } plan)
                {
                    continue; // escalated to a person: nothing to run
                }

                var result = await grain.RecordOutcomeAsync(plan.Attempt, DurableTests.Occurrences.Outcome(plan, random.NextDouble() < 0.6));
                if (result.NextPlan is { } next && next.Attempt <= plan.Attempt)
                {
                    WrongAnswers.Enqueue($"attempt {plan.Attempt} of {plan.ErrorId} was followed by attempt {next.Attempt}");
                }

                Interlocked.Increment(ref _acknowledged);
                AcknowledgedByError.AddOrUpdate(plan.ErrorId, 1, (_, n) => n + 1);
                AcknowledgedByPair.AddOrUpdate(Pair(occurrence.Type, plan.StrategyId), 1, (_, n) => n + 1);
            }
            catch (ArgumentException error)
            {
                WrongAnswers.Enqueue(error.Message);
            }
            catch (Exception error)
            {
                Interlocked.Increment(ref _retryable);
                RetryableByType.AddOrUpdate(error.GetType().Name, 1, (_, n) => n + 1);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    public static string Pair(ErrorType type, string strategyId) => $"{type.ToName()}/{strategyId}";
}
