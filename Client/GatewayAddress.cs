using System.Net;

namespace RecoveryCluster.Client;

/// <summary>Parses <c>host:port</c> gateway strings from configuration.</summary>
public static class GatewayAddress
{
    public static bool TryParse(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    address = Dns.GetHostAddresses(host).FirstOrDefault();
                }
                catch (System.Net.Sockets.SocketException)
                {
                    return false;
                }

                if (address is null)
                {
                    return false;
                }
            }
            else
            {
                address = IPAddress.Loopback;
            }
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}
