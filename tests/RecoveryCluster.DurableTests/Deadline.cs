namespace RecoveryCluster.DurableTests;

/// <summary>Polls a condition until it holds or the time is up; the tests' only way of waiting.</summary>
internal static class Deadline
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan within, string what)
        where T : class
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        Exception? last = null;
        while (time.GetElapsedTime(started) < within)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                last = error;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} did not happen within {within.TotalSeconds:0} s.{(last is null ? "" : $" Last error: {last.Message}")}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan within, string what) =>
        UntilAsync(async () => await probe() ? string.Empty : null, within, what);
}
