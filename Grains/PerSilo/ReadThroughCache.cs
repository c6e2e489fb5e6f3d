using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecoveryCluster.Grains.PerSilo;

/// <summary>
/// A silo's copy of values owned by other grains (a breaker's state, a strategy's score), read on the hot path
/// without a grain call. An entry is used while it is younger than <c>maxAge</c> (wall time) and its owner's answers
/// and pushes keep it current in between; an older or missing one is read again, by one call however many grains ask
/// at once.
/// </summary>
internal sealed class ReadThroughCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<T>> _reads = new(StringComparer.Ordinal);
    private readonly Func<string, Task<T>> _read;
    private readonly Func<T, T, bool> _supersedes;
    private readonly Func<T, DateTimeOffset, bool> _expired;
    private readonly RecoveryClock _clock;
    private readonly TimeSpan _maxAge;

    /// <param name="read">Reads the owner's current value.</param>
    /// <param name="supersedes">Whether a newly heard value replaces the kept one (answers can arrive out of order).</param>
    /// <param name="expired">Whether a kept value is out of date whatever its age (an open breaker past its retry time on the recovery clock).</param>
    public ReadThroughCache(Func<string, Task<T>> read, Func<T, T, bool> supersedes, Func<T, DateTimeOffset, bool> expired, RecoveryClock clock, TimeSpan maxAge)
    {
        _read = read;
        _supersedes = supersedes;
        _expired = expired;
        _clock = clock;
        _maxAge = maxAge;
    }

    public ValueTask<T> GetAsync(string key)
    {
        if (_entries.TryGetValue(key, out var entry) && Stopwatch.GetElapsedTime(entry.HeardAt) < _maxAge && !_expired(entry.Value, _clock.UtcNow))
        {
            return ValueTask.FromResult(entry.Value);
        }

        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = _reads.GetOrAdd(key, mine.Task);
        if (read == mine.Task)
        {
            // Off the caller's grain scheduler: the read serves every grain that asks meanwhile.
            _ = Task.Run(() => ReadAsync(key, mine));
        }

        return new ValueTask<T>(read);
    }

    /// <summary>Keeps a value its owner answered with.</summary>
    public void Observe(string key, T value)
    {
        var heard = new Entry(value, Stopwatch.GetTimestamp());
        _entries.AddOrUpdate(key, heard, (_, kept) => _supersedes(value, kept.Value) ? heard : kept);
    }

    private async Task ReadAsync(string key, TaskCompletionSource<T> read)
    {
        try
        {
            var value = await _read(key).ConfigureAwait(false);
            Observe(key, value);
            _reads.TryRemove(KeyValuePair.Create(key, read.Task));
            read.SetResult(value);
        }
        catch (Exception error)
        {
            _reads.TryRemove(KeyValuePair.Create(key, read.Task));
            read.SetException(error);
        }
    }

    private sealed record Entry(T Value, long HeardAt);
}
