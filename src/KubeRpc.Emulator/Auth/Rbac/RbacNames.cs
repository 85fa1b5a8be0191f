namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>The names rbac.authorization.k8s.io/v1 gives its group, wildcards and subject kinds (k8s.io/api rbac/v1 types.go).</summary>
internal static class RbacNames
{
    public const string GroupName = "rbac.authorization.k8s.io";

    /// <summary>The wildcard of verbs, apiGroups, resources and nonResourceURLs alike.</summary>
    public const string All = "*";

    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";

    /// <summary>The annotation the API server's policy reconciler reads on bootstrap roles and bindings.</summary>
    public const string AutoUpdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";
}
