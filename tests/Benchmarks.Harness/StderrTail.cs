namespace RecoveryCluster.Benchmarks;

/// <summary>The last lines a child process wrote to stderr, for the message when it fails.</summary>
public sealed class StderrTail
{
    private const int Kept = 20;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "(no stderr output)" : string.Join(" | ", _lines);
        }
    }
}
