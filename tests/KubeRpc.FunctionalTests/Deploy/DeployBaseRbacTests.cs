using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>
/// KubeRpc needs no permission deploy/base does not grant: the CRUD and watch suites of both kinds run through KubeRpc
/// while KubeRpc acts as its own service account bound only to deploy/base/rbac.yaml, and nothing is forbidden.
/// </summary>
public sealed class DeployBaseRbacTests
{
    private const string Account = "system:serviceaccount:kuberpc:kuberpc";
    private static readonly string[] RbacKinds = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"];

    [Fact]
    public async Task CrudAndWatchOfBothKinds_AsKubeRpcsServiceAccount_NothingForbidden()
    {
        await using var deployed = await KubeRpcAsItsServiceAccount.StartAsync();
        // Its caches synced (KubeRpcHost waits for that), so it listed and watched both kinds in every namespace; now
        // the RBAC watches, which open beside them.
        await Polling.UntilAsync(() => Task.FromResult(RbacWatchesOpened(deployed.Logs).Count == RbacKinds.Length),
            () => "KubeRpc to watch " + string.Join(", ", RbacKinds) + "; opened: " + string.Join(", ", RbacWatchesOpened(deployed.Logs)));

        await ServiceCrudAndWatch.RunAsync(deployed.Host.Services, deployed.Caller, KubeRpcAsItsServiceAccount.Namespace);
        await IngressCrudAndWatch.RunAsync(deployed.Host.Ingresses, deployed.Caller, KubeRpcAsItsServiceAccount.Namespace);

        // KubeRpc's own client is the service account's, not an administrator's.
        var self = await deployed.Host.Kubernetes.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview()).DefaultTimeout();
        Assert.Equal(Account, self.Status.UserInfo.Username);
        // A refused list, watch or review in the background shows only in the log (a failed cache list, RBAC watch or
        // watch re-check is a warning).
        var warnings = deployed.Logs.AtOrAbove(LogLevel.Warning).Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(warnings.Count == 0, "KubeRpc warned:\n" + string.Join("\n", warnings));
        Assert.DoesNotContain(deployed.Logs.AtOrAbove(LogLevel.Trace), l => l.Message.Contains("forbidden", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The same set-up refuses what deploy/base does not grant: the role gives KubeRpc no writes of its own, so with
    /// impersonation off the API server refuses its write. (The suite above would fail the same way.)
    /// </summary>
    [Fact]
    public async Task ImpersonateOff_KubeRpcWritesAsItself_TheApiServerRefuses()
    {
        await using var deployed = await KubeRpcAsItsServiceAccount.StartAsync(new Dictionary<string, string?> { ["Auth:Impersonate"] = "false" });

        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => deployed.Host.Services.CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = KubeRpcAsItsServiceAccount.Namespace },
                Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
            },
        }, deployed.Caller).ResponseAsync);

        Assert.Equal("403", e.Info().Metadata["kubernetes_code"]);
        Assert.Contains($"User \"{Account}\" cannot create resource \"services\"", e.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// A caller allowed only through a group its token carries: the impersonated write, over real HTTP headers, must
    /// carry that group as the API server reads it (one header line per group, which HttpClient cannot send for several).
    /// </summary>
    [Fact]
    public async Task CallerAllowedThroughItsServiceAccountGroup_ImpersonatedWriteKeepsTheGroup()
    {
        await using var deployed = await KubeRpcAsItsServiceAccount.StartAsync();
        var admin = deployed.Admin;
        await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "grouped" } }, "default")
            .DefaultTimeout();
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "default-accounts" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "app" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "system:serviceaccounts:default", ApiGroup = "rbac.authorization.k8s.io" }],
        }, KubeRpcAsItsServiceAccount.Namespace).DefaultTimeout();
        var token = (await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new() }, "grouped", "default")
            .DefaultTimeout()).Status.Token;

        var created = await deployed.Host.Services.CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "grouped", Namespace = KubeRpcAsItsServiceAccount.Namespace },
                Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
            },
        }, new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync.DefaultTimeout();

        Assert.Equal("grouped", created.Metadata.Name);
    }

    private static List<string> RbacWatchesOpened(CapturedLogs logs) =>
        [.. RbacKinds.Where(kind => logs.AtOrAbove(LogLevel.Debug).Any(l => l.Message == $"Watching {kind} for RBAC changes"))];
}
