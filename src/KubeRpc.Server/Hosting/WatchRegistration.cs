using KubeRpc.Server.Watching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>The watch options, the limit on streams, and their end at shutdown (each kind's broadcaster: <see cref="KindRegistration"/>).</summary>
internal static class WatchRegistration
{
    public static void AddKubeRpcWatches(this IServiceCollection services)
    {
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidation>();
        // The shutdown grace period's clock; tests replace it to end the grace period without waiting it out.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new WatchLimiter(provider.GetRequiredService<IOptions<WatchOptions>>().Value.MaxSubscriptions));
        services.AddHostedService<WatchLifetime>();
    }

    /// <summary>Fails the start, naming the setting, when the watch options are invalid or outlast the host's shutdown timeout.</summary>
    private sealed class WatchOptionsValidation(IOptions<HostOptions> host) : IValidateOptions<WatchOptions>
    {
        public ValidateOptionsResult Validate(string? name, WatchOptions options) =>
            options.Errors(host.Value.ShutdownTimeout).ToList() is { Count: > 0 } errors
                ? ValidateOptionsResult.Fail(errors)
                : ValidateOptionsResult.Success;
    }
}
