using k8s.Models;
using KubeRpc.Emulator.Admission.Rbac;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Resources;

internal sealed partial class ResourceCatalog
{
    private const string Rbac = "rbac.authorization.k8s.io";
    private const string Authorization = "authorization.k8s.io";

    public ResourceType Roles { get; private set; } = null!;

    public ResourceType ClusterRoles { get; private set; } = null!;

    public ResourceType RoleBindings { get; private set; } = null!;

    public ResourceType ClusterRoleBindings { get; private set; } = null!;

    /// <summary>
    /// RBAC's four kinds and the four create-only access reviews, in kube-apiserver's discovery order (resources of a group
    /// sorted by name).
    /// </summary>
    private IEnumerable<ResourceType> AuthorizationTypes(AuthorizationKinds kinds)
    {
        ClusterRoleBindings = new ResourceType
        {
            Group = Rbac, Version = "v1", Kind = "ClusterRoleBinding", Plural = "clusterrolebindings", Singular = "clusterrolebinding",
            Namespaced = false, ModelType = typeof(V1ClusterRoleBinding), ListModelType = typeof(V1ClusterRoleBindingList), Verbs = AllVerbs,
            Strategy = kinds.ClusterRoleBinding, Printer = kinds.ClusterRoleBindingPrinter,
        };
        ClusterRoles = new ResourceType
        {
            Group = Rbac, Version = "v1", Kind = "ClusterRole", Plural = "clusterroles", Singular = "clusterrole", Namespaced = false,
            ModelType = typeof(V1ClusterRole), ListModelType = typeof(V1ClusterRoleList), Verbs = AllVerbs,
            Strategy = kinds.ClusterRole, Printer = kinds.RolePrinter,
        };
        RoleBindings = new ResourceType
        {
            Group = Rbac, Version = "v1", Kind = "RoleBinding", Plural = "rolebindings", Singular = "rolebinding", Namespaced = true,
            ModelType = typeof(V1RoleBinding), ListModelType = typeof(V1RoleBindingList), Verbs = AllVerbs,
            Strategy = kinds.RoleBinding, Printer = kinds.RoleBindingPrinter,
        };
        Roles = new ResourceType
        {
            Group = Rbac, Version = "v1", Kind = "Role", Plural = "roles", Singular = "role", Namespaced = true,
            ModelType = typeof(V1Role), ListModelType = typeof(V1RoleList), Verbs = AllVerbs,
            Strategy = kinds.Role, Printer = kinds.RolePrinter,
        };
        var reviews = kinds.Reviews;
        return
        [
            ClusterRoleBindings, ClusterRoles, RoleBindings, Roles,
            Review("LocalSubjectAccessReview", namespaced: true, typeof(V1LocalSubjectAccessReview), reviews.LocalSubjectAccessReview),
            Review("SelfSubjectAccessReview", namespaced: false, typeof(V1SelfSubjectAccessReview), reviews.SelfSubjectAccessReview),
            Review("SelfSubjectRulesReview", namespaced: false, typeof(V1SelfSubjectRulesReview), reviews.SelfSubjectRulesReview),
            Review("SubjectAccessReview", namespaced: false, typeof(V1SubjectAccessReview), reviews.SubjectAccessReview),
        ];
    }

    /// <summary>A create-only review served by <paramref name="handle"/>; it has no list kind, so its model stands in for one.</summary>
    private static ResourceType Review(string kind, bool namespaced, Type model, Func<ApiRequest, ResourcePath, ResourceType, ApiResponse> handle)
    {
        ResourceType? type = null;
        type = new ResourceType
        {
            Group = Authorization, Version = "v1", Kind = kind, Plural = kind.ToLowerInvariant() + "s", Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced, ModelType = model, ListModelType = model, Verbs = ["create"],
            Strategy = new ReviewStrategy(), Printer = new CreatedAtPrinter(),
            Handler = (request, path) => handle(request, path, type!),
        };
        return type;
    }
}
