namespace RecoveryCluster.Tests;

public static class Eventually
{
    /// <summary>Polls until the condition holds or the deadline passes; the message says what was expected.</summary>
    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, within);

    /// <summary>Polls an asynchronous condition until it holds or the deadline passes.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? within = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((within ?? TimeSpan.FromSeconds(10)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Expected within {(within ?? TimeSpan.FromSeconds(10)).TotalSeconds} s: {expectation}");
            }

            await Task.Delay(20);
        }
    }
}
