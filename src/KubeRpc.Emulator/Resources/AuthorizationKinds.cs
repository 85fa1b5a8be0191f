using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Auth.Reviews;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Resources;

/// <summary>The parts of one emulator behind rbac.authorization.k8s.io and authorization.k8s.io.</summary>
internal sealed record AuthorizationKinds(
    ResourceStrategy Role, ResourceStrategy ClusterRole, ITablePrinter RolePrinter,
    ResourceStrategy RoleBinding, ITablePrinter RoleBindingPrinter,
    ResourceStrategy ClusterRoleBinding, ITablePrinter ClusterRoleBindingPrinter,
    AccessReviews Reviews);
