namespace RecoveryCluster.ClusterTests;

public static class Assertions
{
    /// <summary>Argument errors cross grain calls by message; the message must name the field.</summary>
    public static void AssertNamesField(this ArgumentException error, string field) =>
        Assert.Contains($"(Parameter '{field}')", error.Message, StringComparison.Ordinal);

    /// <summary>Polls an asynchronous condition until it holds or ten seconds pass.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string expectation)
    {
        var deadline = TimeProvider.System.GetTimestamp() + 10 * TimeProvider.System.TimestampFrequency;
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Expected within 10 s: {expectation}");
            }

            await Task.Delay(20);
        }
    }
}
