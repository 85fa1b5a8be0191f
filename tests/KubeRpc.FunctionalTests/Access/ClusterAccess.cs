using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>Service accounts, their tokens and their RBAC on the embedded cluster, as an administrator sets them up.</summary>
internal sealed class ClusterAccess(IKubernetes cluster)
{
    /// <summary>A new service account in <paramref name="ns"/> and a token for it (the cluster's shortest lifetime when not given).</summary>
    public async Task<string> ServiceAccountTokenAsync(string account, string ns = "default", long? expirationSeconds = null)
    {
        await EnsureNamespaceAsync(ns);
        await cluster.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = account } }, ns)
            .DefaultTimeout();
        var request = await cluster.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = expirationSeconds } }, account, ns)
            .DefaultTimeout();
        return request.Status.Token;
    }

    /// <summary>
    /// Lets <paramref name="account"/> (of namespace <c>default</c>) do <paramref name="verbs"/> on <paramref name="resources"/> in
    /// <paramref name="inNamespace"/>, or in every namespace when it is null; returns the binding's name.
    /// </summary>
    public Task<string> GrantAsync(string account, string? inNamespace, string[] verbs, string[] resources, string group = "") =>
        GrantToAsync(new Rbacv1Subject { Kind = "ServiceAccount", Name = account, NamespaceProperty = "default" }, inNamespace, verbs, resources, group);

    /// <summary>As <see cref="GrantAsync"/>, to any subject (a User or Group, as a client certificate names them).</summary>
    public async Task<string> GrantToAsync(Rbacv1Subject subject, string? inNamespace, string[] verbs, string[] resources, string group = "")
    {
        var name = $"{subject.Name.Replace(':', '-')}-{Guid.NewGuid().ToString("N")[..8]}";
        var rules = new List<V1PolicyRule> { new() { ApiGroups = [group], Resources = resources, Verbs = verbs } };
        if (subject.Kind != "ServiceAccount")
        {
            subject.ApiGroup = "rbac.authorization.k8s.io";
        }
        if (inNamespace is null)
        {
            await cluster.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = new() { Name = name }, Rules = rules })
                .DefaultTimeout();
            await cluster.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
            {
                Metadata = new() { Name = name },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
                Subjects = [subject],
            }).DefaultTimeout();
            return name;
        }
        await EnsureNamespaceAsync(inNamespace);
        await cluster.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new() { Name = name }, Rules = rules }, inNamespace)
            .DefaultTimeout();
        await cluster.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new() { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            Subjects = [subject],
        }, inNamespace).DefaultTimeout();
        return name;
    }

    public Task RevokeAsync(string binding, string? inNamespace) => inNamespace is null
        ? cluster.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(binding).DefaultTimeout()
        : cluster.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(binding, inNamespace).DefaultTimeout();

    public async Task EnsureNamespaceAsync(string ns)
    {
        if (ns is "default" or "kube-system")
        {
            return;
        }
        try
        {
            await cluster.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }).DefaultTimeout();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };
}
