using Grpc.AspNetCore.Server;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Access;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>Who may call: <c>Auth:Mode</c> resolved once at start, and in Kubernetes mode the certificate or token check on every call.</summary>
internal static class AccessRegistration
{
    public static void AddKubeRpcAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        var requested = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Mode ?? AuthMode.Auto;
        var grpcUrl = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>()?.GrpcUrl ?? new ServerOptions().GrpcUrl;
        var access = new ResolvedAccess(requested, AuthModeResolver.Resolve(requested, grpcUrl), AuthModeResolver.BindsLoopback(grpcUrl));
        services.AddSingleton(access);
        if (access.Mode == AuthMode.Kubernetes)
        {
            services.AddSingleton(provider => new TokenReviewer(provider.GetRequiredService<k8s.IKubernetes>(),
                provider.GetRequiredService<IOptions<AuthOptions>>().Value, TimeProvider.System));
            // The client CAs exist only with Server:Tls:ClientCaFile (KestrelEndpoints registers them).
            services.AddSingleton(provider => new ClientCertificateAuthenticator(provider.GetService<IClientCertificateAuthorities>(), TimeProvider.System));
            services.AddSingleton<AuthenticationInterceptor>();
            services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<AuthenticationInterceptor>());
        }
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

    private sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}

/// <summary>The authentication mode in use, as resolved at start.</summary>
internal sealed record ResolvedAccess(AuthMode Requested, AuthMode Mode, bool Loopback);
