using Microsoft.Extensions.Time.Testing;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.PerSilo;

namespace RecoveryCluster.UnitTests.PerSilo;

public sealed class ReadThroughCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _reads;
    private int _owner = 1;

    [Fact]
    public async Task A_fresh_copy_is_served_without_asking_the_owner()
    {
        var cache = Cache(maxAge: TimeSpan.FromHours(1));

        Assert.Equal(1, (await cache.GetAsync("breaker")).Value);
        _owner = 2;
        Assert.Equal(1, (await cache.GetAsync("breaker")).Value);

        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_copy_older_than_the_maximum_age_is_read_again()
    {
        var cache = Cache(maxAge: TimeSpan.Zero);

        await cache.GetAsync("breaker");
        _owner = 2;

        Assert.Equal(2, (await cache.GetAsync("breaker")).Value);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_copy_the_owner_would_have_moved_on_from_is_read_again_whatever_its_age()
    {
        // As an open breaker past its retry time: the copy says what the owner no longer is.
        var cache = Cache(maxAge: TimeSpan.FromHours(1), expired: (value, now) => value.Until <= now);
        await cache.GetAsync("breaker");
        _owner = 2;

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(2, (await cache.GetAsync("breaker")).Value);
    }

    [Fact]
    public async Task Many_grains_asking_for_a_missing_copy_at_once_make_one_read()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new ReadThroughCache<Versioned>(
            async _ =>
            {
                Interlocked.Increment(ref _reads);
                await gate.Task;
                return new Versioned(_owner, _time.GetUtcNow().AddMinutes(1));
            },
            supersedes: (heard, kept) => heard.Value >= kept.Value,
            expired: (_, _) => false,
            new RecoveryClock(_time),
            TimeSpan.FromHours(1));

        var asks = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("breaker").AsTask()).ToArray();
        gate.SetResult();
        var answers = await Task.WhenAll(asks);

        Assert.All(answers, a => Assert.Equal(1, a.Value));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_value_heard_out_of_order_does_not_replace_a_newer_one()
    {
        var cache = Cache(maxAge: TimeSpan.FromHours(1));
        cache.Observe("breaker", new Versioned(5, _time.GetUtcNow()));
        cache.Observe("breaker", new Versioned(4, _time.GetUtcNow()));

        Assert.Equal(5, (await cache.GetAsync("breaker")).Value);
        Assert.Equal(0, _reads);
    }

    private ReadThroughCache<Versioned> Cache(TimeSpan maxAge, Func<Versioned, DateTimeOffset, bool>? expired = null) => new(
        _ =>
        {
            _reads++;
            return Task.FromResult(new Versioned(_owner, _time.GetUtcNow().AddMinutes(1)));
        },
        supersedes: (heard, kept) => heard.Value >= kept.Value,
        expired ?? ((_, _) => false),
        new RecoveryClock(_time),
        maxAge);

    private sealed record Versioned(int Value, DateTimeOffset Until);
}
