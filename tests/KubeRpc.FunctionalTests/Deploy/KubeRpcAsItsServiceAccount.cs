using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>
/// KubeRpc as deploy/base runs it: <c>Auth:Mode=Kubernetes</c>, and every call it makes to the API server (the caches'
/// lists and watches, TokenReviews, SubjectAccessReviews, the RBAC watches, impersonated writes) made with a token of
/// the service account <c>kuberpc/kuberpc</c>, bound only to deploy/base's ClusterRole. The cluster is an emulator on a
/// loopback socket, reached through a kubeconfig (KubeConfig mode, the path a real cluster takes); a caller
/// (<see cref="Caller"/>) may do everything on Services and Ingresses in <see cref="Namespace"/>, and list and watch its EndpointSlices, nothing else.
/// </summary>
internal sealed class KubeRpcAsItsServiceAccount : IAsyncDisposable
{
    public const string Namespace = "team-a";

    private readonly KubernetesEmulator _cluster;
    private readonly WebApplication _api;
    private readonly DirectoryInfo _dir;

    private KubeRpcAsItsServiceAccount(KubernetesEmulator cluster, WebApplication api, DirectoryInfo dir)
    {
        _cluster = cluster;
        _api = api;
        _dir = dir;
        Admin = cluster.CreateClient();
    }

    private KubeRpcHost? _host;

    public KubeRpcHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Every line KubeRpc logged, the RBAC watcher's from Debug.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The bearer token of the calling application, <c>default/app</c>.</summary>
    public Metadata Caller { get; private set; } = null!;

    /// <summary>The cluster's administrator, for setting up and checking; KubeRpc never uses it.</summary>
    public IKubernetes Admin { get; }

    /// <param name="settings">Configuration over deploy/base's (e.g. <c>Auth:Impersonate</c>).</param>
    public static async Task<KubeRpcAsItsServiceAccount> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var cluster = new KubernetesEmulator();
        var api = EmulatorWebHost.Build(cluster, "http://127.0.0.1:0");
        var deployed = new KubeRpcAsItsServiceAccount(cluster, api, Directory.CreateTempSubdirectory("kuberpc-deploy-"));
        try
        {
            await api.StartAsync().DefaultTimeout();
            await deployed.StartKubeRpcAsync(settings);
            return deployed;
        }
        catch
        {
            await deployed.DisposeAsync();
            throw;
        }
    }

    private async Task StartKubeRpcAsync(IDictionary<string, string?>? settings)
    {
        await DeployBaseAccess.ApplyAsync(Admin);
        Caller = new Metadata { { "authorization", "Bearer " + await CallerTokenAsync() } };
        var kubeconfig = Path.Combine(_dir.FullName, "config");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster: {server: "{{_api.Urls.First()}}"}
            users:
            - name: kuberpc
              user: {token: "{{await TokenAsync("kuberpc", "kuberpc")}}"}
            contexts:
            - name: kuberpc
              context: {cluster: emulator, user: kuberpc}
            current-context: kuberpc
            """);
        var configuration = new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = nameof(ClusterMode.KubeConfig),
            ["Kubernetes:KubeConfigPath"] = kubeconfig,
            ["Auth:Mode"] = "Kubernetes",
            ["Logging:LogLevel:KubeRpc.Server.Access.RbacChangeWatcher"] = "Debug",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        _host = await KubeRpcHost.StartAsync(configuration, services => services.AddLogging(l => l.AddProvider(Logs)));
    }

    /// <summary>The service account <c>default/app</c>, allowed every verb on Services and Ingresses (and their status) in <see cref="Namespace"/>, and to read its EndpointSlices.</summary>
    private async Task<string> CallerTokenAsync()
    {
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }).DefaultTimeout();
        await Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "app" } }, "default")
            .DefaultTimeout();
        await Admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "app" },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [""], Resources = ["services", "services/status"], Verbs = ["*"] },
                new V1PolicyRule { ApiGroups = ["networking.k8s.io"], Resources = ["ingresses", "ingresses/status"], Verbs = ["*"] },
                new V1PolicyRule { ApiGroups = ["discovery.k8s.io"], Resources = ["endpointslices"], Verbs = ["list", "watch"] },
            ],
        }, Namespace).DefaultTimeout();
        await Admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "app" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "app" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "app", NamespaceProperty = "default" }],
        }, Namespace).DefaultTimeout();
        return await TokenAsync("default", "app");
    }

    private async Task<string> TokenAsync(string ns, string account) =>
        (await Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, account, ns).DefaultTimeout())
        .Status.Token;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Admin.Dispose();
        await _api.StopAsync();
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
