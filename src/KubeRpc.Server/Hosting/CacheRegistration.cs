using KubeRpc.Server.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>The informers' options and the metrics over every kind's informer (each kind's own parts: <see cref="KindRegistration"/>).</summary>
internal static class CacheRegistration
{
    public static void AddKubeRpcCaches(this IServiceCollection services)
    {
        services.AddOptions<InformerOptions>().BindConfiguration(InformerOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InformerOptions>, InformerOptionsValidation>();
        services.AddSingleton<CacheMetrics>();
        // The page snapshots' retention clock; tests replace it to let a snapshot go without waiting.
        services.TryAddSingleton(TimeProvider.System);
    }

    private sealed class InformerOptionsValidation : IValidateOptions<InformerOptions>
    {
        public ValidateOptionsResult Validate(string? name, InformerOptions options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
