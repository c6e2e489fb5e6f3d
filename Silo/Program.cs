using System.ComponentModel.DataAnnotations;
using RecoveryCluster.Persistence;
using RecoveryCluster.Silo;

var builder = WebApplication.CreateBuilder(args);
try
{
    // Configuration mistakes end the start with one sentence that names the setting, never a stack trace.
    var options = SiloHostOptions.Load(builder.Configuration);
    if (DurableMode.ConnectionString(builder.Configuration) is { } connectionString)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        await DurableMode.PrepareAsync(connectionString, options, loggers, CancellationToken.None);
    }

    builder.AddRecoveryClusterSilo();
}
catch (Exception error) when (error is DurableStartupException or ValidationException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"RecoveryCluster silo cannot start: {error.Message}");
    return 2;
}

var app = builder.Build();
app.MapRecoveryCluster();
app.LogStorageMode();
await app.RunAsync();
return 0;
