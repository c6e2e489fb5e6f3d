using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoveryCluster.Silo;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>A real silo host (Kestrel on loopback, a real Orleans silo) on free ports, as `dotnet run --project Silo` starts it.</summary>
public class SiloHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    protected virtual string? ApiKey => null;

    /// <summary>More settings for fixtures that need them (named keys, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <summary>A hook for fixtures that add to the host (an exporter, say) before it is built.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public IServiceProvider Services => _app!.Services;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(3);
        var settings = new Dictionary<string, string?>
        {
            ["RecoveryCluster:Silo:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:Silo:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:Silo:HttpPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RecoveryCluster:Silo:ClusterId"] = $"api-tests-{Guid.NewGuid():N}",
            ["RecoveryCluster:Security:ApiKey"] = ApiKey,
        };
        foreach (var (name, value) in ExtraSettings)
        {
            settings[name] = value;
        }

        _app = Build(settings, Configure);
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{ports[2]}");
        Http = new HttpClient { BaseAddress = BaseAddress };
        if (ApiKey is not null)
        {
            Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }
    }

    /// <summary>Builds (without starting) a silo host from the given settings, the way Program.cs does.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        // Dev mode whatever the environment says: these tests are about the HTTP surface, not storage.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:RecoveryCluster"] = "" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddRecoveryClusterSilo();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapRecoveryCluster();
        return app;
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
