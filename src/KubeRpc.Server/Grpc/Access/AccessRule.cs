using KubeRpc.Server.Access;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// How one RPC is authorized: the verb Kubernetes would use for it, the resource, and where in the request the
/// namespace, name and subresource are. Bound with the method (endpoint metadata), so no method goes without one.
/// </summary>
internal sealed class AccessRule
{
    private readonly Func<object, AccessTarget> _target;

    private AccessRule(string verb, ApiResource resource, Func<object, AccessTarget> target, IReadOnlyList<(string Verb, ApiResource Resource)> also) =>
        (Verb, Resource, _target, Also) = (verb, resource, target, also);

    public string Verb { get; }

    public ApiResource Resource { get; }

    /// <summary>
    /// What the call also needs, on collections in the target's namespace: an RPC that reads more than its own kind (a
    /// Service's endpoints read its EndpointSlices) is allowed only when the caller could read all of it from the cluster.
    /// </summary>
    public IReadOnlyList<(string Verb, ApiResource Resource)> Also { get; }

    /// <summary>True for the verbs that change objects (audited in every mode).</summary>
    public bool IsWrite => AccessRequest.IsWriteVerb(Verb);

    public AccessTarget TargetOf(object request) => _target(request);

    public static AccessRule For<TRequest>(string verb, ApiResource resource, Func<TRequest, AccessTarget> target,
        IReadOnlyList<(string Verb, ApiResource Resource)>? also = null) =>
        new(verb, resource, request => target((TRequest)request), also ?? []);

    /// <summary>The reviews a call of this rule needs: its own first, then <see cref="Also"/> in the same namespace.</summary>
    public IReadOnlyList<AccessRequest> Requests(AccessTarget target)
    {
        var own = new AccessRequest(Verb, Resource.Group, Resource.Plural, target.Subresource, target.Namespace, target.Name ?? "");
        if (Also.Count == 0)
        {
            return [own];
        }
        var requests = new List<AccessRequest>(1 + Also.Count) { own };
        requests.AddRange(Also.Select(a => new AccessRequest(a.Verb, a.Resource.Group, a.Resource.Plural, "", target.Namespace, "")));
        return requests;
    }

    /// <summary>The kind a request of <see cref="Requests"/> is about, for the PERMISSION_DENIED details.</summary>
    public string KindOf(AccessRequest request) =>
        Also.FirstOrDefault(a => a.Resource.Plural == request.Resource && a.Resource.Group == request.Group).Resource?.Kind ?? Resource.Kind;
}

/// <summary>
/// The object or collection a request addresses, with the request fields they came from (for INVALID_ARGUMENT). A null
/// <see cref="Name"/> addresses a collection; an empty <see cref="Namespace"/> every namespace.
/// </summary>
internal readonly record struct AccessTarget(string Namespace, string? Name, string Subresource = "", string NamespaceField = "namespace",
    string NameField = "name");
