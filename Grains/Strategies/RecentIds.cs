namespace RecoveryCluster.Grains.Strategies;

/// <summary>A bounded set of the most recently seen ids: the oldest is forgotten when a new one would exceed the bound.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<Guid> _set = new(capacity);
    private readonly Queue<Guid> _order = new(capacity);

    /// <summary>Adds the id; false when it was already there.</summary>
    public bool Add(Guid id)
    {
        if (!_set.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }

    public void AddRange(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            Add(id);
        }
    }

    public void Clear()
    {
        _set.Clear();
        _order.Clear();
    }
}
