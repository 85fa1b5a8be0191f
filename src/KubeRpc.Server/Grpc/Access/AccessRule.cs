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

    private AccessRule(string verb, ApiResource resource, Func<object, AccessTarget> target) =>
        (Verb, Resource, _target) = (verb, resource, target);

    public string Verb { get; }

    public ApiResource Resource { get; }

    /// <summary>True for the verbs that change objects (audited in every mode).</summary>
    public bool IsWrite => AccessRequest.IsWriteVerb(Verb);

    public AccessTarget TargetOf(object request) => _target(request);

    public static AccessRule For<TRequest>(string verb, ApiResource resource, Func<TRequest, AccessTarget> target) =>
        new(verb, resource, request => target((TRequest)request));
}

/// <summary>
/// The object or collection a request addresses, with the request fields they came from (for INVALID_ARGUMENT). A null
/// <see cref="Name"/> addresses a collection; an empty <see cref="Namespace"/> every namespace.
/// </summary>
internal readonly record struct AccessTarget(string Namespace, string? Name, string Subresource = "", string NamespaceField = "namespace",
    string NameField = "name");
