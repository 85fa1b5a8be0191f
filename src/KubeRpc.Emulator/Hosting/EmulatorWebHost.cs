using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Emulator.Hosting;

/// <summary>
/// The emulator's standalone HTTP server (plain HTTP on loopback by default; HTTPS with a certificate, for kubectl with a
/// token), as kubectl and other clients reach it.
/// </summary>
public static class EmulatorWebHost
{
    public const string DefaultUrl = "http://127.0.0.1:8001";

    /// <summary>
    /// Builds a web application that serves <paramref name="emulator"/> at <paramref name="urls"/>; <c>https://</c> URLs
    /// are served with <paramref name="certificate"/>.
    /// </summary>
    public static WebApplication Build(KubernetesEmulator emulator, string urls = DefaultUrl, string[]? args = null,
        X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(urls);
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddSingleton(emulator);
        var app = builder.Build();
        app.Run(context => EmulatorRequestHandler.HandleAsync(context, emulator));
        return app;
    }
}
