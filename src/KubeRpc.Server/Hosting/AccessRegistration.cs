using Grpc.AspNetCore.Server;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Grpc.Limits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Who may call: <c>Auth:Mode</c> resolved once at start; in Kubernetes mode, authentication (client certificate or bearer
/// token) and authorization of every call by the cluster, the RBAC watch that keeps decisions true, and the monitor of open streams; audit in every mode.
/// </summary>
internal static class AccessRegistration
{
    public static void AddKubeRpcAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddOptions<CallerLimitOptions>().BindConfiguration(RequestLimits.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallerLimitOptions>, CallerLimitOptionsValidation>();
        var requested = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Mode ?? AuthMode.Auto;
        var grpcUrl = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>()?.GrpcUrl ?? new ServerOptions().GrpcUrl;
        var access = new ResolvedAccess(requested, AuthModeResolver.Resolve(requested, grpcUrl), AuthModeResolver.BindsLoopback(grpcUrl));
        services.AddSingleton(access);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        if (access.Mode == AuthMode.Kubernetes)
        {
            services.AddSingleton(provider => new TokenReviewer(provider.GetRequiredService<k8s.IKubernetes>(), Options(provider),
                provider.GetRequiredService<TimeProvider>()));
            // The client CAs exist only with Server:Tls:ClientCaFile (KestrelEndpoints registers them).
            services.AddSingleton(provider => new ClientCertificateAuthenticator(provider.GetService<IClientCertificateAuthorities>(),
                provider.GetRequiredService<TimeProvider>()));
            services.AddSingleton<CallAuthenticator>();
            services.AddSingleton<RbacChanges>();
            services.AddSingleton(provider => new AccessReviewer(provider.GetRequiredService<k8s.IKubernetes>(), Options(provider),
                provider.GetRequiredService<RbacChanges>(), provider.GetRequiredService<TimeProvider>()));
            services.AddHostedService<RbacChangeWatcher>();
            services.AddSingleton<StreamAccessMonitor>();
            services.AddSingleton(provider => new CallerLimiter(provider.GetRequiredService<IOptions<CallerLimitOptions>>().Value));
            services.AddHostedService(provider => provider.GetRequiredService<StreamAccessMonitor>());
        }
        services.AddSingleton(provider => new AccessInterceptor(access, Options(provider),
            provider.GetRequiredService<IOptions<RequestLimits>>().Value, provider.GetRequiredService<AuditLog>(),
            provider.GetRequiredService<ILogger<AccessInterceptor>>(), provider.GetService<CallAuthenticator>(),
            provider.GetService<AccessReviewer>(), provider.GetService<StreamAccessMonitor>(), provider.GetService<CallerLimiter>()));
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<AccessInterceptor>());
    }

    /// <summary>Logs the mode in use, and warns when every caller of a reachable endpoint is let in.</summary>
    public static void LogAccessMode(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<ResolvedAccess>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Access");
        HostingLog.AuthModeSelected(logger, access.Requested, access.Mode);
        if (access.Mode == AuthMode.None && !access.Loopback)
        {
            HostingLog.UnauthenticatedOnNetwork(logger);
        }
    }

    private static AuthOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<AuthOptions>>().Value;

    private sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options) => Result(options.Errors());
    }

    private sealed class CallerLimitOptionsValidation : IValidateOptions<CallerLimitOptions>
    {
        public ValidateOptionsResult Validate(string? name, CallerLimitOptions options) => Result(options.Errors());
    }

    private static ValidateOptionsResult Result(IEnumerable<string> errors) =>
        errors.ToList() is { Count: > 0 } list ? ValidateOptionsResult.Fail(list) : ValidateOptionsResult.Success;
}
