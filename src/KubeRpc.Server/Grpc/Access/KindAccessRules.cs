using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// The access rules of one kind's RPCs, with Kubernetes' verbs: UpdateStatus is <c>update</c> on <c>status</c>, Apply is
/// <c>patch</c>, and Create names no object (kube-apiserver authorizes a create on the collection).
/// </summary>
/// <param name="requestField">The request's object field, e.g. <c>service</c>.</param>
internal sealed class KindAccessRules(ApiResource resource, string requestField)
{
    public AccessRule Create<TRequest>(Func<TRequest, ObjectMeta?> meta) =>
        AccessRule.For<TRequest>("create", resource, r => new AccessTarget(meta(r)?.Namespace ?? "", null,
            NamespaceField: $"{requestField}.metadata.namespace"));

    /// <summary>update, update on <c>status</c>, or patch (apply) of the object the request carries.</summary>
    public AccessRule OfObject<TRequest>(string verb, Func<TRequest, ObjectMeta?> meta, string subresource = "") =>
        AccessRule.For<TRequest>(verb, resource, r => new AccessTarget(meta(r)?.Namespace ?? "", meta(r)?.Name ?? "", subresource,
            $"{requestField}.metadata.namespace", $"{requestField}.metadata.name"));

    /// <summary>get, delete, or patch (with its subresource) of the object a request names.</summary>
    public AccessRule Named<TRequest>(string verb, Func<TRequest, (string Namespace, string Name)> target, Func<TRequest, string>? subresource = null,
        IReadOnlyList<(string Verb, ApiResource Resource)>? also = null) =>
        AccessRule.For<TRequest>(verb, resource, r =>
        {
            var (ns, name) = target(r);
            return new AccessTarget(ns, name, subresource?.Invoke(r) ?? "");
        }, also);

    /// <summary>list, watch or deletecollection in a namespace, or (empty) in all.</summary>
    public AccessRule Collection<TRequest>(string verb, Func<TRequest, string> ns) =>
        AccessRule.For<TRequest>(verb, resource, r => new AccessTarget(ns(r), null));
}
