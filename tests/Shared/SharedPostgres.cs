using Xunit;

namespace RecoveryCluster.Testing;

/// <summary>The shared PostgreSQL server of a test collection (durable and deploy tests); each test creates its own database on it.</summary>
public sealed class SharedPostgres : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.SharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
