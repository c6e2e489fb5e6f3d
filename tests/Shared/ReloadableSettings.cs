using Microsoft.Extensions.Configuration;

namespace RecoveryCluster.Testing;

/// <summary>
/// A configuration source whose settings a test replaces while the host runs; a change raises the same reload a
/// changed JSON file or a remounted ConfigMap does, synchronously, so there is no file watcher to wait for.
/// </summary>
public sealed class ReloadableSettings : ConfigurationProvider, IConfigurationSource
{
    public ReloadableSettings(IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (settings is not null)
        {
            Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Sets (or with null removes) settings and reloads.</summary>
    public void Change(IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var data = new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                data.Remove(key);
            }
            else
            {
                data[key] = value;
            }
        }

        Data = data;
        OnReload();
    }

    /// <summary>Sets one setting and reloads.</summary>
    public void Change(string key, string? value) => Change(new Dictionary<string, string?> { [key] = value });
}
