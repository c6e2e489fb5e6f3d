using RecoveryCluster.Client;

namespace RecoveryCluster.ClientTests.Strategies;

/// <summary>The typed helpers that fill the options the fallback and degradation strategies read.</summary>
public sealed class ExecuteOptionsTests
{
    [Fact]
    public async Task WithFallback_wraps_a_typed_delegate_that_returns_its_value_boxed()
    {
        var options = new ExecuteOptions().WithFallback(_ => Task.FromResult(42));

        var value = await options.Fallback!(CancellationToken.None);

        Assert.Equal(42, Assert.IsType<int>(value));
    }

    [Fact]
    public async Task WithFallback_passes_the_token_through_to_the_typed_delegate()
    {
        using var cancellation = new CancellationTokenSource();
        CancellationToken seen = default;
        var options = new ExecuteOptions().WithFallback(ct =>
        {
            seen = ct;
            return Task.FromResult("cached");
        });

        await options.Fallback!(cancellation.Token);

        Assert.Equal(cancellation.Token, seen);
    }

    [Fact]
    public async Task WithFallback_lets_the_typed_delegates_exception_through_unwrapped()
    {
        var error = new InvalidOperationException("cache down");
        var options = new ExecuteOptions().WithFallback<string>(_ => throw error);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => options.Fallback!(CancellationToken.None));

        Assert.Same(error, thrown);
    }

    [Fact]
    public async Task WithFallback_returns_a_copy_that_keeps_the_other_settings_and_leaves_the_original_alone()
    {
        var original = new ExecuteOptions { Timeout = TimeSpan.FromSeconds(2), IsCritical = true, TaskIds = ["t-1"] };

        var withFallback = original.WithFallback(_ => Task.FromResult<string?>(null));

        Assert.Null(original.Fallback);
        Assert.Equal(TimeSpan.FromSeconds(2), withFallback.Timeout);
        Assert.True(withFallback.IsCritical);
        Assert.Equal(["t-1"], withFallback.TaskIds!);
        Assert.Null(await withFallback.Fallback!(CancellationToken.None));
    }

    [Fact]
    public void WithFallback_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => new ExecuteOptions().WithFallback<int>(null!));
    }

    [Fact]
    public async Task WithDegradation_wraps_each_level_in_order()
    {
        var options = new ExecuteOptions().WithDegradation(
            _ => Task.FromResult("full page"),
            _ => Task.FromResult("page without recommendations"),
            _ => Task.FromResult("static page"));

        var levels = options.DegradationLevels!;
        Assert.Equal(3, levels.Count);
        Assert.Equal("full page", await levels[0](CancellationToken.None));
        Assert.Equal("page without recommendations", await levels[1](CancellationToken.None));
        Assert.Equal("static page", await levels[2](CancellationToken.None));
    }

    [Fact]
    public async Task WithDegradation_runs_nothing_until_a_level_is_called_and_passes_the_token_through()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = new List<(int Level, CancellationToken Token)>();
        Func<CancellationToken, Task<int>> Level(int n) => ct =>
        {
            seen.Add((n, ct));
            return Task.FromResult(n);
        };

        var options = new ExecuteOptions().WithDegradation(Level(1), Level(2));
        Assert.Empty(seen);

        Assert.Equal(2, await options.DegradationLevels![1](cancellation.Token));
        Assert.Equal([(2, cancellation.Token)], seen);
    }

    [Fact]
    public async Task WithDegradation_lets_a_levels_exception_through_unwrapped()
    {
        var error = new TimeoutException("level 1 timed out");
        var options = new ExecuteOptions().WithDegradation<int>(_ => throw error, _ => Task.FromResult(2));

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => options.DegradationLevels![0](CancellationToken.None));

        Assert.Same(error, thrown);
    }

    [Fact]
    public void WithDegradation_keeps_the_other_settings_and_leaves_the_original_alone()
    {
        var original = new ExecuteOptions { IsCritical = true }.WithFallback(_ => Task.FromResult(1));

        var degraded = original.WithDegradation(_ => Task.FromResult(2));

        Assert.Null(original.DegradationLevels);
        Assert.True(degraded.IsCritical);
        Assert.Same(original.Fallback, degraded.Fallback);
    }

    [Fact]
    public void WithDegradation_rejects_a_null_array()
    {
        Assert.Throws<ArgumentNullException>(() => new ExecuteOptions().WithDegradation<int>(null!));
    }
}
