using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace RecoveryCluster.Benchmarks.PolicyPropagation;

/// <summary>A <see cref="PolicyWorker"/> in its own process: the policy versions it reports and when it heard them.</summary>
public sealed class PolicyWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<(long Version, long UtcTicks)> _heard = Channel.CreateUnbounded<(long, long)>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StderrTail _errors = new();

    private PolicyWorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public static async Task<PolicyWorkerProcess> StartAsync(string clusterId, int gatewayPort, string component, string workerId, TimeSpan readyWithin)
    {
        var process = BenchmarkChild.Start(PolicyWorker.Mode, clusterId, gatewayPort.ToString(CultureInfo.InvariantCulture), component, workerId);
        var worker = new PolicyWorkerProcess(process, workerId);
        await BenchmarkChild.WaitReadyAsync(process, $"Worker {workerId}", worker.OnLine, worker._errors, worker._ready, readyWithin, "took no lease");
        return worker;
    }

    /// <summary>When this worker heard <paramref name="version"/> (UTC ticks), skipping reports of older versions.</summary>
    public async Task<long> HeardAsync(long version, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var heard = await _heard.Reader.ReadAsync(timeout.Token);
                if (heard.Version >= version)
                {
                    return heard.UtcTicks;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Worker {WorkerId} did not hear policy version {version} within {within.TotalMilliseconds} ms: {_errors}");
        }
    }

    public ValueTask DisposeAsync() => BenchmarkChild.KillAsync(_process);

    private void OnLine(string? line)
    {
        if (line == PolicyWorker.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line is not null && line.StartsWith(PolicyWorker.PolicyPrefix, StringComparison.Ordinal))
        {
            var parts = line[PolicyWorker.PolicyPrefix.Length..].Split(' ');
            _heard.Writer.TryWrite((long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
    }
}
