using System.Diagnostics;
using k8s;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;

namespace KubeRpc.FunctionalTests.Clusters;

/// <summary>
/// KubeRpc accepts the kubeconfigs kubectl accepts: a user without credentials (a kubectl proxy set-up), several files
/// merged as kubectl merges them, exec credential plugins, a cluster's proxy-url. A setting it cannot use ends the start
/// with one line naming it (it was an unhandled exception and a stack trace).
/// </summary>
public sealed class KubeConfigFilesTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kuberpc-kubeconfig-");
    // The kubeconfigs' tokens are the cluster's (its --token-auth-file): a token the cluster does not know gets 401.
    private readonly KubernetesEmulator _cluster = new(new EmulatorOptions
    {
        StaticTokens = new Dictionary<string, KubeRpc.Emulator.Auth.UserInfo>
        {
            ["a-token"] = new("ops", "", ["system:masters"], new Dictionary<string, IReadOnlyList<string>>()),
            ["from-plugin"] = new("exec", "", ["system:masters"], new Dictionary<string, IReadOnlyList<string>>()),
        },
    });
    private WebApplication _api = null!;

    private string Server => _api.Urls.First();

    public async Task InitializeAsync()
    {
        _api = EmulatorWebHost.Build(_cluster, "http://127.0.0.1:0");
        await _api.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.StopAsync();
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task UserWithoutCredentials_ServesAsKubectlWould()
    {
        var path = Write("config", Config(user: "proxied", users: "- name: proxied\n  user: {}"));

        await CreatesThroughAsync(path, "no-credentials");
    }

    [Fact]
    public async Task SeveralFiles_FirstToNameAnEntryWins_FirstCurrentContextWins()
    {
        // The first file names the context and its cluster; the second names the user, and the same cluster and context
        // names pointing elsewhere (ignored), and another current-context (ignored).
        var first = Write("first", Config(user: "ops", users: ""));
        var second = Write("second", $$"""
            apiVersion: v1
            kind: Config
            current-context: elsewhere
            clusters:
            - name: local
              cluster: {server: "http://127.0.0.1:1"}
            contexts:
            - name: main
              context: {cluster: local, user: nobody}
            - name: elsewhere
              context: {cluster: local, user: ops}
            users:
            - name: ops
              user: {token: "a-token"}
            """);

        await CreatesThroughAsync($"{first}{Path.PathSeparator}{Path.Combine(_dir.FullName, "missing")}{Path.PathSeparator}{second}", "merged");
    }

    [Fact]
    public async Task ExecCredentialPlugin_RunsForTheToken()
    {
        var marker = Path.Combine(_dir.FullName, "plugin-ran");
        var plugin = Write("plugin.sh", $$$"""
            #!/bin/sh
            touch '{{{marker}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = Write("config", Config(user: "exec", users: $$"""
            - name: exec
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: "{{plugin}}", interactiveMode: Never}
            """));

        await CreatesThroughAsync(path, "exec-plugin");

        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task ProxyUrl_RequestsGoThroughTheProxy()
    {
        using var proxy = new BlackholeProxy(new Uri(Server).Port);
        var path = Write("config", Config(user: "", users: "", proxy: $"http://127.0.0.1:{proxy.Port}"));

        await CreatesThroughAsync(path, "proxied");

        Assert.True(proxy.Accepted > 0);
    }

    [Theory]
    [InlineData("missing-file", "Kubernetes:KubeConfigPath: no kubeconfig file found at")]
    [InlineData("missing-context", "Kubernetes:Context: context \"nope\" not found in")]
    [InlineData("missing-user", "kubeconfig context \"main\": user \"ghost\" not found")]
    [InlineData("proxy-scheme", "kubeconfig cluster \"local\": proxy-url \"ftp://proxy\" is not a http, https, socks4, socks4a, socks5 URL")]
    [InlineData("not-yaml", "is not a usable kubeconfig:")]
    public async Task UnusableSetting_OneLineNamingIt_NoStackTrace(string problem, string expected)
    {
        var (path, context) = problem switch
        {
            "missing-file" => (Path.Combine(_dir.FullName, "absent"), ""),
            "missing-context" => (Write("config", Config(user: "", users: "")), "nope"),
            "missing-user" => (Write("config", Config(user: "ghost", users: "")), ""),
            "proxy-scheme" => (Write("config", Config(user: "", users: "", proxy: "ftp://proxy")), ""),
            _ => (Write("config", "clusters: [ {name: x"), ""),
        };
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "KubeRpc.Server.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Kubernetes__Mode"] = "KubeConfig",
                ["Kubernetes__KubeConfigPath"] = path,
                ["Kubernetes__Context"] = context,
                ["Server__GrpcUrl"] = "http://127.0.0.1:0",
                ["Server__ManagementUrl"] = "",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, process.ExitCode);
        var lines = (await output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("kuberpc: cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private string Config(string user, string users, string? proxy = null) => $$"""
        apiVersion: v1
        kind: Config
        current-context: main
        clusters:
        - name: local
          cluster: {server: "{{Server}}"{{(proxy is null ? "" : $", proxy-url: \"{proxy}\"")}}}
        contexts:
        - name: main
          context: {cluster: local{{(user.Length == 0 ? "" : $", user: {user}")}}}
        users:
        {{users}}
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }

    /// <summary>Starts KubeRpc on the kubeconfig(s), creates a Service through it, and finds it in the cluster.</summary>
    private async Task CreatesThroughAsync(string kubeconfig, string name)
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = nameof(ClusterMode.KubeConfig),
            ["Kubernetes:KubeConfigPath"] = kubeconfig,
        });
        await host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Services.ServiceTestKit.ClusterIp(name) }).ResponseAsync.DefaultTimeout();

        using var direct = _cluster.CreateClient();
        Assert.Equal(name, (await direct.CoreV1.ReadNamespacedServiceAsync(name, "default").DefaultTimeout()).Metadata.Name);
    }
}
