using k8s;
using k8s.Models;

namespace KubeRpc.Benchmarks;

/// <summary>For auth-bench.sh: a service account allowed to get and list Services everywhere, and a token for it (printed last).</summary>
internal static class ReaderToken
{
    public static async Task<string> CreateAsync(IKubernetes client)
    {
        const string name = "bench-reader";
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, "default");
        await client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = name },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["get", "list"] }],
        });
        await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = "default" }],
        });
        var request = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, name, "default");
        return request.Status.Token;
    }
}
