using System.Net;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.Silo.Security;

/// <summary>
/// Checks <see cref="SecurityOptions"/> at start: every key entry (through <see cref="ApiKeySet.From"/>, whose message
/// names the setting and never a key), and that a listener beyond loopback has a key.
/// </summary>
public sealed class SecurityOptionsValidator(IOptions<SiloHostOptions> host) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ApiKeySet keys;
        try
        {
            keys = ApiKeySet.From(options);
        }
        catch (InvalidOperationException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }

        var address = host.Value.HttpAddress;
        var loopback = string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback && !keys.Enabled)
        {
            return ValidateOptionsResult.Fail(
                $"The HTTP endpoint listens on {address}, beyond loopback, but no API key is set. " +
                "Set named keys under RecoveryCluster:Security:Keys (env RecoveryCluster__Security__Keys__0__Name, __Role, __Key) " +
                "or the single operator key RecoveryCluster:Security:ApiKey, or listen on 127.0.0.1.");
        }

        return ValidateOptionsResult.Success;
    }
}
