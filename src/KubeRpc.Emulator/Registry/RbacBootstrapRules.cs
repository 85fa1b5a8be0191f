using k8s.Models;

namespace KubeRpc.Emulator.Registry;

/// <summary>
/// The rules of the default ClusterRoles kube-apiserver 1.32 creates at start (plugin/pkg/auth/authorizer/rbac/
/// bootstrappolicy policy.go): discovery and health URLs, what every authenticated user may ask about itself, and the
/// rules that aggregate into view, edit and admin.
/// </summary>
internal static class RbacBootstrapRules
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly string[] ReadWrite = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static V1PolicyRule[] ClusterAdmin =>
    [
        Rule(["*"], "*", "*"),
        Urls(["*"], "*"),
    ];

    public static V1PolicyRule[] Discovery =>
        [Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*")];

    public static V1PolicyRule[] Monitoring =>
        [Urls(["get"], "/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*")];

    public static V1PolicyRule[] BasicUser =>
    [
        Rule(["create"], "authorization.k8s.io", "selfsubjectaccessreviews", "selfsubjectrulesreviews"),
        Rule(["create"], "authentication.k8s.io", "selfsubjectreviews"),
    ];

    public static V1PolicyRule[] PublicInfoViewer => [Urls(["get"], "/livez", "/readyz", "/healthz", "/version", "/version/")];

    public static V1PolicyRule[] AggregateToAdmin =>
    [
        Rule(["create"], "authorization.k8s.io", "localsubjectaccessreviews"),
        Rule(ReadWrite, "rbac.authorization.k8s.io", "roles", "rolebindings"),
    ];

    public static V1PolicyRule[] AggregateToEdit =>
    [
        // Read on escalating resources.
        Rule(Read, "", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"),
        Rule(["impersonate"], "", "serviceaccounts"),
        Rule(Write, "", "pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
        Rule(Write, "", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
            "persistentvolumeclaims", "configmaps", "secrets", "events"),
        Rule(["create"], "", "serviceaccounts/token"),
        Rule(Write, "apps", "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback",
            "replicasets", "replicasets/scale"),
        Rule(Write, "autoscaling", "horizontalpodautoscalers"),
        Rule(Write, "batch", "jobs", "cronjobs"),
        Rule(Write, "extensions", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets",
            "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"),
        Rule(Write, "policy", "poddisruptionbudgets"),
        Rule(Write, "networking.k8s.io", "networkpolicies", "ingresses"),
    ];

    public static V1PolicyRule[] AggregateToView =>
    [
        Rule(Read, "", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
            "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"),
        Rule(Read, "", "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status",
            "replicationcontrollers/status", "pods/log"),
        // Reading namespaces at the namespace scope means reading this namespace.
        Rule(Read, "", "namespaces"),
        Rule(Read, "discovery.k8s.io", "endpointslices"),
        Rule(Read, "apps", "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status",
            "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"),
        Rule(Read, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        Rule(Read, "batch", "jobs", "jobs/status", "cronjobs", "cronjobs/status"),
        Rule(Read, "extensions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
            "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"),
        Rule(Read, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        Rule(Read, "networking.k8s.io", "networkpolicies", "ingresses", "ingresses/status"),
    ];

    private static V1PolicyRule Rule(string[] verbs, string group, params string[] resources) =>
        new() { Verbs = [.. verbs], ApiGroups = [group], Resources = [.. resources] };

    private static V1PolicyRule Urls(string[] verbs, params string[] urls) => new() { Verbs = [.. verbs], NonResourceURLs = [.. urls] };
}
