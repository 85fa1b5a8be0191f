using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>One kind the decoder understands: how to parse its message and write its JSON.</summary>
/// <param name="ApiVersion">The apiVersion the kind is served at.</param>
/// <param name="Kind">The kind.</param>
/// <param name="InternalPackage">The Go package of kube-apiserver's internal type, which its conversion errors name.</param>
/// <param name="Write">Parses the raw message and adds its members after <c>kind</c> and <c>apiVersion</c>.</param>
internal sealed record KnownKind(string ApiVersion, string Kind, string InternalPackage, Action<JsonObject, ByteString> Write);

/// <summary>
/// The kinds kubectl POSTs as protobuf: its generator commands' (<c>create namespace</c>, <c>create service</c>,
/// <c>create secret</c>, <c>create serviceaccount</c>, <c>create ingress</c>, <c>create configmap</c>,
/// <c>create deployment</c>, <c>create poddisruptionbudget</c>, <c>run</c>, <c>create role|clusterrole|rolebinding|clusterrolebinding</c>),
/// <c>create token</c>'s TokenRequest, the reviews of <c>auth whoami</c> and <c>auth can-i</c>, and TokenReview; nothing
/// else reaches the emulator in protobuf.
/// </summary>
internal static class KnownKinds
{
    // The messages of Wire/pod.proto that model only part of kube-apiserver's fields.
    private static readonly HashSet<Google.Protobuf.Reflection.MessageDescriptor> PartialPodTemplate =
        [PodSpec.Descriptor, Container.Descriptor, EnvVar.Descriptor];

    private static readonly KnownKind[] All =
    [
        new("v1", "Namespace", "core", (o, raw) => CoreJsonWriter.Namespace(o, Namespace.Parser.ParseFrom(raw))),
        new("v1", "Secret", "core", (o, raw) => CoreJsonWriter.Secret(o, Secret.Parser.ParseFrom(raw))),
        new("v1", "Service", "core", (o, raw) => ServiceJsonWriter.Service(o, Service.Parser.ParseFrom(raw))),
        new("v1", "ServiceAccount", "core", (o, raw) => CoreJsonWriter.ServiceAccount(o, ServiceAccount.Parser.ParseFrom(raw))),
        new("authentication.k8s.io/v1", "TokenRequest", "authentication",
            (o, raw) => AuthenticationJsonWriter.TokenRequest(o, TokenRequest.Parser.ParseFrom(raw))),
        new("authentication.k8s.io/v1", "TokenReview", "authentication",
            (o, raw) => AuthenticationJsonWriter.TokenReview(o, TokenReview.Parser.ParseFrom(raw))),
        new("authentication.k8s.io/v1", "SelfSubjectReview", "authentication",
            (o, raw) => AuthenticationJsonWriter.SelfSubjectReview(o, SelfSubjectReview.Parser.ParseFrom(raw))),
        new("networking.k8s.io/v1", "Ingress", "networking", (o, raw) => IngressJsonWriter.Ingress(o, Ingress.Parser.ParseFrom(raw))),
        new("rbac.authorization.k8s.io/v1", "Role", "rbac", (o, raw) => RbacJsonWriter.Role(o, Role.Parser.ParseFrom(raw))),
        new("rbac.authorization.k8s.io/v1", "ClusterRole", "rbac", (o, raw) => RbacJsonWriter.ClusterRole(o, ClusterRole.Parser.ParseFrom(raw))),
        new("rbac.authorization.k8s.io/v1", "RoleBinding", "rbac", (o, raw) => RbacJsonWriter.RoleBinding(o, RoleBinding.Parser.ParseFrom(raw))),
        new("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "rbac",
            (o, raw) => RbacJsonWriter.ClusterRoleBinding(o, ClusterRoleBinding.Parser.ParseFrom(raw))),
        new("authorization.k8s.io/v1", "SubjectAccessReview", "authorization",
            (o, raw) => AuthorizationJsonWriter.SubjectAccessReview(o, SubjectAccessReview.Parser.ParseFrom(raw))),
        new("authorization.k8s.io/v1", "LocalSubjectAccessReview", "authorization",
            (o, raw) => AuthorizationJsonWriter.SubjectAccessReview(o, SubjectAccessReview.Parser.ParseFrom(raw))),
        new("authorization.k8s.io/v1", "SelfSubjectAccessReview", "authorization",
            (o, raw) => AuthorizationJsonWriter.SelfSubjectAccessReview(o, SelfSubjectAccessReview.Parser.ParseFrom(raw))),
        new("authorization.k8s.io/v1", "SelfSubjectRulesReview", "authorization",
            (o, raw) => AuthorizationJsonWriter.SelfSubjectRulesReview(o, SelfSubjectRulesReview.Parser.ParseFrom(raw))),
        new("v1", "ConfigMap", "core", (o, raw) => ConfigMapJsonWriter.ConfigMap(o, ConfigMap.Parser.ParseFrom(raw))),
        new("apps/v1", "Deployment", "apps", (o, raw) =>
        {
            var deployment = Deployment.Parser.ParseFrom(raw);
            UnmodelledFields.Refuse(raw, Deployment.Descriptor, PartialPodTemplate, "Deployment");
            DeploymentJsonWriter.Deployment(o, deployment);
        }),
        new("v1", "Pod", "core", (o, raw) =>
        {
            var pod = Pod.Parser.ParseFrom(raw);
            UnmodelledFields.Refuse(raw, Pod.Descriptor, PartialPodTemplate, "Pod");
            PodTemplateJsonWriter.Pod(o, pod);
        }),
        new("policy/v1", "PodDisruptionBudget", "policy", (o, raw) => PodDisruptionBudgetJsonWriter.PodDisruptionBudget(o, PodDisruptionBudget.Parser.ParseFrom(raw))),
    ];


    /// <summary>The kind registered for exactly this apiVersion and kind, if any.</summary>
    public static KnownKind? Find(WireGroupVersionKind gvk) =>
        Array.Find(All, k => k.Kind == gvk.Kind && k.ApiVersion == gvk.ApiVersion);
}
