using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.ClientTests.Classification;

/// <summary>Error patterns from configuration (<c>RecoveryCluster:Client:Patterns</c>) and from code, checked at start.</summary>
public sealed class PatternConfigurationTests
{
    private const string At = "RecoveryCluster:Client:Patterns:0:";

    private static Dictionary<string, string?> SchemaDrift() => new()
    {
        [At + "Id"] = "schema-drift",
        [At + "Regex"] = @"schema drift: column '\w+' is missing",
        [At + "Type"] = "validation",
        [At + "Severity"] = "low",
        [At + "Priority"] = "95",
        [At + "RecoveryStrategy"] = StrategyIds.ErrorCorrection,
        [At + "MaxRetries"] = "2",
        [At + "Metadata:table"] = "profiles",
    };

    [Fact]
    public void A_pattern_bound_from_configuration_classifies_and_carries_its_strategy_retries_and_metadata()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(SchemaDrift()).Build());
        services.AddLogging();
        services.AddRecoveryClient();
        using var provider = services.BuildServiceProvider();

        var classifier = provider.GetRequiredService<ErrorClassifier>();
        var classification = classifier.Classify(new InvalidOperationException("schema drift: column 'nickname' is missing"));
        var pattern = classifier.Find(classification.PatternId)!;

        Assert.Equal(new ErrorClassification(ErrorType.Validation, ErrorSeverity.Low, "schema-drift"), classification);
        Assert.Equal((95, StrategyIds.ErrorCorrection, (int?)2), (pattern.Priority, pattern.RecoveryStrategy, pattern.MaxRetries));
        Assert.Equal(new Dictionary<string, string> { ["table"] = "profiles" }, pattern.Metadata);
    }

    [Fact]
    public void A_pattern_set_in_code_through_the_options_classifies_too()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddRecoveryClient(o => o.Patterns.Add(new ErrorPatternOptions
        {
            Id = "gpu-oom",
            Regex = "CUDA out of memory",
            Type = "hardware",
            RecoveryStrategy = StrategyIds.WorkerRecovery,
        }));
        using var provider = services.BuildServiceProvider();

        var classifier = provider.GetRequiredService<ErrorClassifier>();

        Assert.Equal(
            new ErrorClassification(ErrorType.Hardware, ErrorSeverity.Medium, "gpu-oom"),
            classifier.Classify(new ApplicationException("RuntimeError: CUDA out of memory")));
        Assert.Equal(StrategyIds.WorkerRecovery, classifier.Find("gpu-oom")!.RecoveryStrategy);
    }

    [Theory]
    [InlineData("Regex", "([", "Patterns[0].Regex: '([' is not a valid regular expression")]
    [InlineData("Regex", null, "Patterns[0].Regex: it is required")]
    [InlineData("Id", null, "Patterns[0].Id: it is required")]
    [InlineData("Type", null, "Patterns[0].Type: it is required")]
    [InlineData("Type", "schema", "Patterns[0].Type: 'schema' is not an error type; use one of unknown, network,")]
    [InlineData("Type", "42", "Patterns[0].Type: '42' is not an error type")]
    [InlineData("Severity", "dire", "Patterns[0].Severity: 'dire' is not a severity; use one of info, low, medium, high, critical.")]
    [InlineData("MaxRetries", "101", "Patterns[0].MaxRetries: 101 is outside 0 to 100.")]
    [InlineData("RecoveryStrategy", "reboot-datacenter", "Patterns[0].RecoveryStrategy: this worker has no strategy 'reboot-datacenter'")]
    public async Task A_bad_pattern_in_configuration_stops_the_start_naming_the_field(string field, string? value, string expected)
    {
        var settings = SchemaDrift();
        settings[At + field] = value;
        if (value is null)
        {
            settings.Remove(At + field);
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_configured_patterns_with_one_id_stop_the_start()
    {
        var settings = SchemaDrift();
        settings["RecoveryCluster:Client:Patterns:1:Id"] = "schema-drift";
        settings["RecoveryCluster:Client:Patterns:1:Regex"] = "drift";
        settings["RecoveryCluster:Client:Patterns:1:Type"] = "task";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains("Patterns: the id 'schema-drift' is used 2 times; pattern ids must be unique.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_rule_for_a_pattern_no_one_defines_stops_the_start_naming_the_pattern()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            SchemaDrift(), services => services.AddErrorCorrection("schema-drfit", (_, _) => Task.FromResult(true))));

        Assert.Contains(error.Failures, f => f.StartsWith("A correction rule is registered for error pattern 'schema-drfit', but no pattern has that id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pattern_added_in_code_with_a_strategy_the_worker_lacks_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            [], services => services.AddErrorPattern(ErrorPattern.Create("gpu-oom", "CUDA", ErrorType.Hardware, ErrorSeverity.High, 100, recoveryStrategy: "replace-gpu"))));

        Assert.Contains(error.Failures, f => f.StartsWith("Error pattern 'gpu-oom' (AddErrorPattern) names strategy 'replace-gpu'", StringComparison.Ordinal));
    }

    /// <summary>Starts a worker host as a worker does (connection and client); the options are checked before anything connects.</summary>
    private static async Task StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRecoveryClient();
        configure?.Invoke(builder.Services);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
