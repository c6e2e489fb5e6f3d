using System.Net;
using System.Net.Sockets;
using Npgsql;
using RecoveryCluster.Persistence;

namespace RecoveryCluster.Silo;

/// <summary>
/// Durable mode is on when configuration holds <c>ConnectionStrings:RecoveryCluster</c>. Before the silo is built,
/// the server must answer and the schema must be current: the clustering provider reads its queries at start.
/// </summary>
public static class DurableMode
{
    public const string ConnectionStringName = "RecoveryCluster";

    public static string? ConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value ? value : null;
    }

    /// <summary>Waits for the server (up to the configured time), then applies the schema; every failure is one <see cref="DurableStartupException"/>.</summary>
    public static async Task PrepareAsync(string connectionString, SiloHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = PostgresStartupCheck.Parse(connectionString);
        await using var database = NpgsqlDataSource.Create(settings);
        await PostgresStartupCheck.WaitForServerAsync(
            database, settings, TimeSpan.FromSeconds(options.StorageStartupWaitSeconds), TimeProvider.System, cancellationToken);
        try
        {
            await new SchemaMigrator(database, loggers.CreateLogger<SchemaMigrator>()).MigrateAsync(cancellationToken);
        }
        catch (PostgresException error)
        {
            throw new DurableStartupException(
                $"{PostgresStartupCheck.Setting}: the schema could not be applied ({error.SqlState}: {error.MessageText}); the user needs the right to create tables.");
        }
    }

    /// <summary>The advertised IP: the setting itself, or the first IPv4 address its host name resolves to.</summary>
    public static IPAddress AdvertisedAddress(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(options.AdvertisedAddress).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new DurableStartupException($"RecoveryCluster:Silo:AdvertisedAddress '{options.AdvertisedAddress}' has no IPv4 address.");
        }
        catch (SocketException error)
        {
            throw new DurableStartupException($"RecoveryCluster:Silo:AdvertisedAddress '{options.AdvertisedAddress}' does not resolve: {error.Message}");
        }
    }
}
