namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>The order in which a test's operation, actions, fallbacks and compensations ran.</summary>
public sealed class CallLog
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public int Count(string call) => Calls.Count(c => c == call);

    public Task Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }

        return Task.CompletedTask;
    }
}
