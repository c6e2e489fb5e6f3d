using Microsoft.Extensions.Options;
using RecoveryCluster.Persistence;
using RecoveryCluster.Silo;

var builder = WebApplication.CreateBuilder(args);
try
{
    // Configuration mistakes end the start with one sentence that names the setting, never a stack trace.
    var options = builder.AddSiloHostOptions();
    if (DurableMode.ConnectionString(builder.Configuration) is { } connectionString)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        await DurableMode.PrepareAsync(connectionString, options, loggers, CancellationToken.None);
    }

    builder.AddRecoveryClusterSilo();
}
catch (Exception error) when (error is DurableStartupException or OptionsValidationException or InvalidOperationException)
{
    return await CannotStartAsync(error);
}

var app = builder.Build();
try
{
    // The options checked at start (keys, the webhook, the history writer), checked here so that a mistake is one
    // sentence: the host would log it with a stack trace. RunAsync checks them again, and they pass.
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (OptionsValidationException error)
{
    return await CannotStartAsync(error);
}
catch (AggregateException error) when (error.InnerExceptions.All(e => e is OptionsValidationException))
{
    return await CannotStartAsync(new InvalidOperationException(string.Join(" ", error.InnerExceptions.Select(e => e.Message))));
}

app.MapRecoveryCluster();
app.LogStorageMode();
await app.RunAsync();
return 0;

static async Task<int> CannotStartAsync(Exception error)
{
    await Console.Error.WriteLineAsync($"RecoveryCluster silo cannot start: {error.Message}");
    return 2;
}
