using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>Builders of RBAC objects and setup the client tests share.</summary>
public static class RbacObjects
{
    public const string Group = "rbac.authorization.k8s.io";

    public static V1PolicyRule Rule(string[] verbs, string group, params string[] resources) =>
        new() { Verbs = verbs, ApiGroups = [group], Resources = resources };

    public static V1Role Role(string name, params V1PolicyRule[] rules) => new() { Metadata = new V1ObjectMeta { Name = name }, Rules = rules };

    public static V1RoleBinding RoleBinding(string name, string roleKind, string role, params Rbacv1Subject[] subjects) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = Group, Kind = roleKind, Name = role },
        Subjects = subjects,
    };

    public static Rbacv1Subject User(string name) => new() { Kind = "User", Name = name, ApiGroup = Group };

    /// <summary>Namespaces team-a and team-b; in team-a, Role "svc" (get, list, create services) bound to user bob.</summary>
    public static async Task TeamsAsync(IKubernetes client)
    {
        foreach (var ns in (string[])["team-a", "team-b"])
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }).DefaultTimeout();
        }
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(Role("svc", Rule(["get", "list", "create"], "", "services")), "team-a").DefaultTimeout();
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(RoleBinding("bob", "Role", "svc", User("bob")), "team-a").DefaultTimeout();
    }
}
