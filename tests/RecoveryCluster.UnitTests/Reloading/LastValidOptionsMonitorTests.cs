using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoveryCluster.Reloading;

namespace RecoveryCluster.UnitTests.Reloading;

/// <summary>The monitor follows valid configuration changes and keeps the last valid value through an invalid one.</summary>
public sealed class LastValidOptionsMonitorTests : IDisposable
{
    private const string Setting = "Sample:Threshold";
    private readonly IConfigurationRoot _configuration;
    private readonly ServiceProvider _services;
    private readonly RecordingLogger<LastValidOptionsMonitor<SampleOptions>> _log = new();

    public LastValidOptionsMonitorTests()
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Setting] = "7" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(_configuration);
        services.AddSingleton<ILogger<LastValidOptionsMonitor<SampleOptions>>>(_log);
        services.AddOptions<SampleOptions>().BindConfiguration("Sample").ValidateDataAnnotations().ValidateOnStart().KeepLastValidOnReload();
        _services = services.BuildServiceProvider();
    }

    private IOptionsMonitor<SampleOptions> Monitor => _services.GetRequiredService<IOptionsMonitor<SampleOptions>>();

    [Fact]
    public void A_valid_change_is_read_and_announced()
    {
        var monitor = Monitor;
        Assert.Equal(7, monitor.CurrentValue.Threshold);
        var announced = new List<int>();
        using var subscription = monitor.OnChange((o, _) => announced.Add(o.Threshold));

        Change("9");

        Assert.Equal(9, monitor.CurrentValue.Threshold);
        Assert.Equal([9], announced);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void An_invalid_change_keeps_the_last_valid_value_and_logs_one_error_naming_the_field()
    {
        var monitor = Monitor;
        var announced = new List<int>();
        using var subscription = monitor.OnChange((o, _) => announced.Add(o.Threshold));

        Change("500");

        Assert.Equal(7, monitor.CurrentValue.Threshold);
        Assert.Equal(7, monitor.Get(Microsoft.Extensions.Options.Options.DefaultName).Threshold);
        Assert.Empty(announced);
        var (level, message) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("Threshold", message, StringComparison.Ordinal);

        Change("8");
        Assert.Equal(8, monitor.CurrentValue.Threshold);
    }

    [Fact]
    public void A_value_that_does_not_bind_keeps_the_last_valid_value_and_names_the_setting()
    {
        var monitor = Monitor;
        _ = monitor.CurrentValue;

        Change("seven");

        Assert.Equal(7, monitor.CurrentValue.Threshold);
        Assert.Contains(Setting, Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_value_at_start_still_throws()
    {
        _configuration[Setting] = "0";

        Assert.Throws<OptionsValidationException>(() => Monitor.CurrentValue);
    }

    [Fact]
    public void A_listener_that_unsubscribed_hears_nothing()
    {
        var monitor = Monitor;
        var announced = 0;
        monitor.OnChange((_, _) => announced++)!.Dispose();

        Change("9");

        Assert.Equal(0, announced);
    }

    private void Change(string threshold)
    {
        _configuration[Setting] = threshold;
        _configuration.Reload();
    }

    public void Dispose() => _services.Dispose();
}
