using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Silo;

/// <summary>Where the silo listens and which cluster it joins. Section <c>RecoveryCluster:Silo</c>.</summary>
/// <remarks>Read once when the host is built (ports, addresses, ids): a change needs a restart.</remarks>
public sealed class SiloHostOptions
{
    public const string Section = "RecoveryCluster:Silo";

    [Required]
    public string ClusterId { get; set; } = "recovery-cluster";

    [Required]
    public string ServiceId { get; set; } = "recovery-cluster";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>HTTP port of the API, analytics page and dashboard.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// Dev mode only: the silo port of the first silo of a local multi-silo cluster on one machine (unset: this silo
    /// is its own primary). Durable mode finds its peers in PostgreSQL instead.
    /// </summary>
    [Range(1, 65535)]
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// The address other silos and clients reach this silo at: an IP, or a host name resolved at start (a container's
    /// service name). Durable mode only; dev mode is loopback.
    /// </summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen for silo and gateway traffic on every interface rather than on the advertised address (containers).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>The silo's name in membership and the dashboard (Kubernetes: the pod name); Orleans picks one when unset.</summary>
    [MaxLength(150)]
    public string? SiloName { get; set; }

    /// <summary>Durable mode: seconds the silo waits at start for PostgreSQL to accept connections before giving up.</summary>
    [Range(0, 600)]
    public int StorageStartupWaitSeconds { get; set; } = 10;

    /// <summary>Address the HTTP endpoint binds to; loopback unless set.</summary>
    [Required]
    public string HttpAddress { get; set; } = "127.0.0.1";
}
