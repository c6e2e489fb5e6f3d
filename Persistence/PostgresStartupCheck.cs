using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace RecoveryCluster.Persistence;

/// <summary>
/// Connects once before the silo starts, so a wrong connection string ends the start with one sentence naming the
/// setting instead of a stream of provider retries.
/// </summary>
public static class PostgresStartupCheck
{
    public const string Setting = "ConnectionStrings:RecoveryCluster (environment: ConnectionStrings__RecoveryCluster)";

    /// <summary>Parses the connection string; a malformed one is refused here, before anything is built on it.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new DurableStartupException($"{Setting} is not a valid PostgreSQL connection string: {error.Message}");
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the server to accept a connection (it may be starting too), trying every
    /// half second; a permanent refusal (wrong password, no such database) ends the wait at once.
    /// </summary>
    public static async Task WaitForServerAsync(NpgsqlDataSource database, NpgsqlConnectionStringBuilder settings, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is NpgsqlException or TimeoutException
                && !Describe(args.Outcome.Exception, settings).Permanent
                && time.GetElapsedTime(started) < wait),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.FromMilliseconds(500),
        }).Build();
        try
        {
            await retry.ExecuteAsync(
                static async (source, token) =>
                {
                    await using var connection = await source.OpenConnectionAsync(token);
                },
                database,
                cancellationToken);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            throw new DurableStartupException($"{Setting}: {Describe(error, settings).Text}");
        }
    }

    private static (string Text, bool Permanent) Describe(Exception error, NpgsqlConnectionStringBuilder settings)
    {
        var server = $"{settings.Host}:{settings.Port}";
        return error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                ($"PostgreSQL at {server} refused user '{settings.Username}': wrong user name or password.", true),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                ($"the database '{settings.Database}' does not exist on PostgreSQL at {server}; create it or name another.", true),
            PostgresException postgres => ($"PostgreSQL at {server} refused the connection: {postgres.MessageText}", true),
            _ when error.InnerException is SocketException or TimeoutException || error is TimeoutException =>
                ($"cannot reach PostgreSQL at {server} ({error.InnerException?.Message ?? error.Message}).", false),
            _ => ($"cannot connect to PostgreSQL at {server}: {error.Message}", false),
        };
    }
}
