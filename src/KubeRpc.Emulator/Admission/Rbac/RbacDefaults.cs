using k8s.Models;
using KubeRpc.Emulator.Auth.Rbac;

namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>pkg/apis/rbac/v1 defaults.go: a binding's roleRef and its User and Group subjects default to rbac.authorization.k8s.io.</summary>
internal static class RbacDefaults
{
    public static void Binding(V1RoleRef? roleRef, IList<Rbacv1Subject>? subjects)
    {
        if (roleRef is not null && string.IsNullOrEmpty(roleRef.ApiGroup))
        {
            roleRef.ApiGroup = RbacNames.GroupName;
        }
        foreach (var subject in subjects ?? [])
        {
            if (string.IsNullOrEmpty(subject.ApiGroup) && subject.Kind is RbacNames.UserKind or RbacNames.GroupKind)
            {
                subject.ApiGroup = RbacNames.GroupName;
            }
        }
    }
}
