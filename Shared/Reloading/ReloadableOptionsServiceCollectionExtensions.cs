using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RecoveryCluster.Reloading;

public static class ReloadableOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Makes <c>IOptionsMonitor&lt;TOptions&gt;</c> a <see cref="LastValidOptionsMonitor{TOptions}"/>: readers of
    /// <c>CurrentValue</c> see configuration changes at run time, and an invalid change is logged and ignored.
    /// </summary>
    public static OptionsBuilder<TOptions> KeepLastValidOnReload<TOptions>(this OptionsBuilder<TOptions> options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Services.AddSingleton<IOptionsMonitor<TOptions>, LastValidOptionsMonitor<TOptions>>();
        return options;
    }
}
