using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using RecoveryCluster.CircuitBreaker;

namespace RecoveryCluster.Benchmarks.Propagation;

/// <summary>A <see cref="PropagationClient"/> in its own process, as seen from the coordinator: the state changes it reports.</summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<CircuitHeard> _heard = Channel.CreateUnbounded<CircuitHeard>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StderrTail _errors = new();

    private ClientProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public static async Task<ClientProcess> StartAsync(string clusterId, int gatewayPort, string component, string workerId, int workers, TimeSpan readyWithin)
    {
        var process = BenchmarkChild.Start(
            PropagationClient.Mode, clusterId, gatewayPort.ToString(CultureInfo.InvariantCulture), component, workerId, workers.ToString(CultureInfo.InvariantCulture));
        var client = new ClientProcess(process, workerId);
        await BenchmarkChild.WaitReadyAsync(process, $"Client {workerId}", client.OnLine, client._errors, client._ready, readyWithin, "did not subscribe");
        return client;
    }

    /// <summary>Waits for the next reported change to a state <paramref name="wanted"/> accepts, skipping others.</summary>
    public async Task<CircuitHeard> WaitForAsync(Func<CircuitState, bool> wanted, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var heard = await _heard.Reader.ReadAsync(timeout.Token);
                if (wanted(heard.State))
                {
                    return heard;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Client {WorkerId} heard no matching state change within {within.TotalMilliseconds} ms: {LastErrors()}");
        }
    }

    public ValueTask DisposeAsync() => BenchmarkChild.KillAsync(_process);

    private void OnLine(string? line)
    {
        if (line == PropagationClient.ReadyLine)
        {
            _ready.TrySetResult();
        }
        else if (line is not null && line.StartsWith(PropagationClient.StatePrefix, StringComparison.Ordinal))
        {
            var parts = line[PropagationClient.StatePrefix.Length..].Split(' ');
            _heard.Writer.TryWrite(new CircuitHeard(Enum.Parse<CircuitState>(parts[0]), long.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
    }

    private string LastErrors() => _errors.ToString();
}
