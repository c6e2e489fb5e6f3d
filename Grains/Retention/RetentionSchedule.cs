using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Timers;
using RecoveryCluster.Retention;

namespace RecoveryCluster.Grains.Retention;

/// <summary>At each silo's start, makes sure the retention reminder exists (the first silo registers it).</summary>
public sealed partial class RetentionSchedule(IGrainFactory grains, IServiceProvider services, ILogger<RetentionSchedule> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        if (services.GetService<IReminderRegistry>() is null)
        {
            // A host without reminders (some test clusters): passes run only when asked (IRetentionGrain.RunOnceAsync).
            LogNoReminders();
            return;
        }

        try
        {
            await grains.GetGrain<IRetentionGrain>(IRetentionGrain.DefaultKey).EnsureScheduledAsync();
        }
        catch (Exception error) when (error is OrleansException or TimeoutException or StorageUnavailableException)
        {
            // Retention is housekeeping: the silo serves without it, and the next silo to start registers it.
            LogNotScheduled(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo has no reminder service; retention runs only when asked.")]
    private partial void LogNoReminders();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention reminder could not be registered; old errors stay until a silo start registers it.")]
    private partial void LogNotScheduled(Exception error);
}
