using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>rolebindings</c> and <c>clusterrolebindings</c> (printers.go <c>printRoleBinding</c>,
/// <c>printClusterRoleBinding</c>): Name, Role (<c>Kind/name</c>), Age, and wide Users, Groups and ServiceAccounts
/// (<c>namespace/name</c>), each comma-joined.
/// </summary>
public sealed class RoleBindingPrinter : ITablePrinter
{
    // The roleRef docs of rbac/v1beta1, which printers.go still quotes.
    private const string RoleBindingRoleRef =
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.";

    private const string ClusterRoleBindingRoleRef =
        "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.";

    private readonly TableColumn[] _columns;

    private RoleBindingPrinter(string roleRef, string bindingWord)
    {
        _columns =
        [
            PrinterCells.NameColumn,
            new("Role", "string", "", roleRef, 0),
            PrinterCells.AgeColumn,
            new("Users", "string", "", "Users in the " + bindingWord, 1),
            new("Groups", "string", "", "Groups in the " + bindingWord, 1),
            new("ServiceAccounts", "string", "", "ServiceAccounts in the " + bindingWord, 1),
        ];
    }

    /// <summary>The printer of RoleBindings.</summary>
    public static RoleBindingPrinter ForRoleBindings() => new(RoleBindingRoleRef, "roleBinding");

    /// <summary>The printer of ClusterRoleBindings.</summary>
    public static RoleBindingPrinter ForClusterRoleBindings() => new(ClusterRoleBindingRoleRef, "clusterRoleBinding");

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => _columns;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var (roleRef, subjects) = obj switch
        {
            V1RoleBinding b => (b.RoleRef, b.Subjects),
            V1ClusterRoleBinding b => (b.RoleRef, b.Subjects),
            _ => throw new ArgumentException($"expected a role binding, got {obj.GetType().Name}", nameof(obj)),
        };
        var all = subjects ?? [];
        return
        [
            PrinterCells.Name(obj),
            $"{roleRef?.Kind}/{roleRef?.Name}",
            PrinterCells.Age(obj, now),
            string.Join(", ", all.Where(s => s.Kind == "User").Select(s => s.Name)),
            string.Join(", ", all.Where(s => s.Kind == "Group").Select(s => s.Name)),
            string.Join(", ", all.Where(s => s.Kind == "ServiceAccount").Select(s => s.NamespaceProperty + "/" + s.Name)),
        ];
    }
}
