using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryCluster.CircuitBreaker;
using RecoveryCluster.Client;
using RecoveryCluster.Client.Hosting;

namespace RecoveryCluster.ClientTests.Hosting;

/// <summary>A client from <c>AddRecoveryClient</c> reads its per-call options at each call, so a configuration change applies without a restart.</summary>
[Collection(ClientCollection.Name)]
public sealed class OptionsReloadTests(ClientClusterFixture fixture)
{
    private const string Section = "RecoveryCluster:Client:";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_changed_open_circuit_wait_applies_to_the_next_call()
    {
        var settings = Settings();
        await using var services = Services(settings);
        var client = services.GetRequiredService<RecoveryClient>();
        var component = await IsolatedComponentAsync();

        // Configured to wait ten minutes at an open circuit; changed to fail fast.
        settings.Change(Section + "OpenCircuitWait", "00:00:00");

        await Assert.ThrowsAsync<CircuitOpenException>(() => client.ExecuteAsync(component, "Save", _ => Task.FromResult(1)).WaitAsync(Deadline));
    }

    [Fact]
    public async Task An_invalid_change_keeps_the_last_valid_values()
    {
        var settings = Settings();
        await using var services = Services(settings);
        var client = services.GetRequiredService<RecoveryClient>();
        var component = await IsolatedComponentAsync();
        settings.Change(Section + "OpenCircuitWait", "00:00:00");

        // A zero operation timeout fails validation: the change is rejected as a whole.
        settings.Change(new Dictionary<string, string?> { [Section + "DefaultOperationTimeout"] = "00:00:00", [Section + "OpenCircuitWait"] = "00:10:00" });

        var options = services.GetRequiredService<IOptionsMonitor<RecoveryClientOptions>>().CurrentValue;
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.Zero), (options.DefaultOperationTimeout, options.OpenCircuitWait));
        Assert.Equal(7, await client.ExecuteAsync($"healthy-{Guid.NewGuid():N}", "Read", _ => Task.FromResult(7)).WaitAsync(Deadline));
        await Assert.ThrowsAsync<CircuitOpenException>(() => client.ExecuteAsync(component, "Save", _ => Task.FromResult(1)).WaitAsync(Deadline));
    }

    private static ReloadableSettings Settings() => new(new Dictionary<string, string?>
    {
        [Section + "WorkerId"] = $"reload-{Guid.NewGuid():N}",
        [Section + "OpenCircuitWait"] = "00:10:00",
    });

    private ServiceProvider Services(ReloadableSettings settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Add(settings).Build());
        services.AddLogging();
        services.AddSingleton<IGrainFactory>(fixture.Client);
        services.AddRecoveryClient();
        return services.BuildServiceProvider();
    }

    private async Task<string> IsolatedComponentAsync()
    {
        var component = $"reloaded-{Guid.NewGuid():N}";
        var isolated = await fixture.Client.GetGrain<ICircuitBreakerGrain>(component).IsolateAsync("options reload test");
        Assert.Equal(CircuitState.Isolated, isolated.State);
        return component;
    }
}
