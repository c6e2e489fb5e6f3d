namespace RecoveryCluster.Benchmarks.Scale;

/// <summary>Random lower-case words, as user names and keys in real messages: the fingerprint cannot mask them.</summary>
public static class Words
{
    public static string Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return string.Create(10, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + r.Next(26));
            }
        });
    }
}
