namespace RecoveryCluster.ApiTests;

/// <summary>A silo host whose keys come from <see cref="SiloHostFixture.ExtraSettings"/>; clients choose their key.</summary>
public abstract class KeyedFixture : SiloHostFixture
{
    /// <summary>A client that sends <paramref name="key"/> on every request (none when null).</summary>
    public HttpClient ClientWith(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }
}
