using System.Net;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// Reads kubeconfigs as kubectl does where KubernetesClient does not: several files (<c>$KUBECONFIG</c>), merged with
/// the first file that names a cluster, user or context winning, as does the first current-context; a user with no
/// credentials (a <c>kubectl proxy</c> set-up); a user's <c>tokenFile</c>; a cluster's <c>proxy-url</c>; exec credential
/// plugins (KubernetesClient runs them). A setting it cannot use is an <see cref="InvalidSettingException"/> naming it.
/// </summary>
internal static class KubeConfigLoader
{
    private static readonly string[] ProxySchemes = ["http", "https", "socks4", "socks4a", "socks5"];

    /// <summary>The files to read: the configured path (or list), else <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static IReadOnlyList<string> Paths(string? configured)
    {
        var list = configured is { Length: > 0 } ? configured : Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(list))
        {
            return [.. list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? [] : [Path.Combine(home, ".kube", "config")];
    }

    /// <param name="setting">What the files came from, for messages: a configuration key or <c>$KUBECONFIG</c>.</param>
    public static KubernetesClientConfiguration Load(IReadOnlyList<string> paths, string? context, string setting)
    {
        var existing = paths.Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            throw new InvalidSettingException($"{setting}: no kubeconfig file found at {string.Join(", ", paths)}");
        }
        var merged = new K8SConfiguration { Clusters = [], Users = [], Contexts = [] };
        var extras = new KubeConfigExtras();
        foreach (var path in existing)
        {
            Merge(merged, Read(path, extras, setting));
        }
        var name = string.IsNullOrEmpty(context) ? merged.CurrentContext : context;
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidSettingException($"Kubernetes:Context: none given, and no current-context in {string.Join(", ", existing)}");
        }
        var chosen = merged.Contexts.FirstOrDefault(c => c.Name == name)
            ?? throw new InvalidSettingException($"{(string.IsNullOrEmpty(context) ? "current-context" : "Kubernetes:Context")}: " +
                $"context \"{name}\" not found in {string.Join(", ", existing)}");
        var tokenFile = PrepareUser(merged, chosen, extras);
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, name);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or ArgumentException or IOException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidSettingException($"kubeconfig context \"{name}\": {e.Message}", e);
        }
        if (tokenFile is not null)
        {
            config.TokenProvider = new TokenFileAuth(tokenFile);
        }
        if (chosen.ContextDetails?.Cluster is { } cluster && extras.ProxyUrls.TryGetValue(cluster, out var proxy))
        {
            UseProxy(config, cluster, proxy);
        }
        return config;
    }

    private static K8SConfiguration Read(string path, KubeConfigExtras extras, string setting)
    {
        try
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true);
            extras.Read(path, File.ReadAllText(path));
            return config;
        }
        catch (Exception e) when (e is YamlException or KubeConfigException or IOException or UnauthorizedAccessException)
        {
            // YamlDotNet's messages give the line and column, never the file's content.
            throw new InvalidSettingException($"{setting}: {path} is not a usable kubeconfig: {e.Message}", e);
        }
    }

    /// <summary>kubectl's merge: the first file to name a cluster, user or context, and the first current-context, win.</summary>
    private static void Merge(K8SConfiguration into, K8SConfiguration file)
    {
        into.CurrentContext = string.IsNullOrEmpty(into.CurrentContext) ? file.CurrentContext : into.CurrentContext;
        into.Clusters = [.. into.Clusters, .. (file.Clusters ?? []).Where(c => into.Clusters.All(x => x.Name != c.Name))];
        into.Users = [.. into.Users, .. (file.Users ?? []).Where(u => into.Users.All(x => x.Name != u.Name))];
        into.Contexts = [.. into.Contexts, .. (file.Contexts ?? []).Where(c => into.Contexts.All(x => x.Name != c.Name))];
    }

    /// <summary>
    /// Makes the context's user one KubernetesClient accepts: kubectl sends no credentials for a user that has none,
    /// where KubernetesClient refuses to start; a <c>tokenFile</c> user authenticates with that file (returned).
    /// </summary>
    private static string? PrepareUser(K8SConfiguration config, Context context, KubeConfigExtras extras)
    {
        var userName = context.ContextDetails?.User;
        if (string.IsNullOrEmpty(userName))
        {
            return null;
        }
        var user = config.Users.FirstOrDefault(u => u.Name == userName)
            ?? throw new InvalidSettingException($"kubeconfig context \"{context.Name}\": user \"{userName}\" not found");
        extras.TokenFiles.TryGetValue(userName, out var tokenFile);
        var credentials = user.UserCredentials;
        var hasCredentials = credentials is not null && (!string.IsNullOrEmpty(credentials.Token) || !string.IsNullOrEmpty(credentials.UserName)
            || !string.IsNullOrEmpty(credentials.ClientCertificate) || !string.IsNullOrEmpty(credentials.ClientCertificateData)
            || credentials.AuthProvider is not null || credentials.ExternalExecution is not null);
        if (!hasCredentials)
        {
            // Build without a user; a tokenFile is then set on the configuration itself.
            context.ContextDetails!.User = null;
        }
        return hasCredentials ? null : tokenFile;
    }

    private static void UseProxy(KubernetesClientConfiguration config, string cluster, string proxyUrl)
    {
        if (!Uri.TryCreate(proxyUrl, UriKind.Absolute, out var uri) || !ProxySchemes.Contains(uri.Scheme))
        {
            throw new InvalidSettingException($"kubeconfig cluster \"{cluster}\": proxy-url \"{proxyUrl}\" is not a {string.Join(", ", ProxySchemes)} URL");
        }
        var proxy = new WebProxy(uri);
        config.FirstMessageHandlerSetup = handler =>
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        };
    }
}
