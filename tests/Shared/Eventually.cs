namespace RecoveryCluster.Testing;

/// <summary>Polls until a condition holds or the time is up, the tests' only way of waiting; the message says what was expected.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(10);

    // In-process state is cheap to read; a probe of a process or a database is not, and may fail while it comes up.
    private static readonly TimeSpan ConditionInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls a condition until it holds; an exception it throws fails the wait at once.</summary>
    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, within);

    /// <summary>Polls an asynchronous condition until it holds; an exception it throws fails the wait at once.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? within = null)
    {
        var limit = within ?? DefaultWithin;
        return PollAsync(
            async () => await condition() ? string.Empty : null,
            limit,
            ConditionInterval,
            retryErrors: false,
            _ => $"Expected within {limit.TotalSeconds} s: {expectation}");
    }

    /// <summary>
    /// Polls a probe of something outside the test (a process, a server) until it returns a value; errors it throws
    /// count as "not yet" (the last one is reported), assertion failures end the wait.
    /// </summary>
    public static Task<T> SucceedsAsync<T>(Func<Task<T?>> probe, TimeSpan within, string what)
        where T : class =>
        PollAsync(probe, within, ProbeInterval, retryErrors: true, last =>
            $"{what} did not happen within {within.TotalSeconds:0} s.{(last is null ? "" : $" Last error: {last.Message}")}");

    /// <summary>Polls a probe of something outside the test until it returns true; see <see cref="SucceedsAsync{T}"/>.</summary>
    public static Task SucceedsAsync(Func<Task<bool>> probe, TimeSpan within, string what) =>
        SucceedsAsync(async () => await probe() ? string.Empty : null, within, what);

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, TimeSpan within, TimeSpan interval, bool retryErrors, Func<Exception?, string> timedOut)
        where T : class
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception error) when (retryErrors && error is not Xunit.Sdk.XunitException)
            {
                last = error;
            }

            if (time.GetElapsedTime(started) >= within)
            {
                throw new TimeoutException(timedOut(last));
            }

            await Task.Delay(interval);
        }
    }
}
