using Microsoft.Extensions.Options;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// The key set in force. Keys reload with configuration, so a rotation needs no restart; a key list that fails the
/// start-up checks on reload is rejected (logged, naming the setting) and the last valid set stays in force.
/// </summary>
public sealed class ApiKeys(IOptionsMonitor<SecurityOptions> options)
{
    private volatile Snapshot? _current;

    /// <summary>The keys of the options in force, hashed once per configuration change rather than per request.</summary>
    public ApiKeySet Current
    {
        get
        {
            var configured = options.CurrentValue;
            if (_current is { } current && ReferenceEquals(current.Options, configured))
            {
                return current.Keys;
            }

            // The monitor holds only options that passed SecurityOptionsValidator, which runs these same checks.
            var keys = ApiKeySet.From(configured);
            _current = new Snapshot(configured, keys);
            return keys;
        }
    }

    private sealed record Snapshot(SecurityOptions Options, ApiKeySet Keys);
}
