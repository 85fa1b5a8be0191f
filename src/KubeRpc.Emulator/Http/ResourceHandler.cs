using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Faults;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

/// <summary>Maps a resource URL and method to a verb (as RequestInfoFactory does) and serves it.</summary>
internal sealed partial class ResourceHandler(ObjectRegistry registry, BodyDecoder decoder, FaultInjector faults, IAuthorizer authorizer)
{
    public ApiResponse Handle(ApiRequest request, ResourcePath path, CancellationToken cancellationToken)
    {
        var type = registry.Catalog.Find(path.Group, path.Resource);
        if (type is null || type.Version != path.Version || (path.Namespace is not null && !type.Namespaced))
        {
            throw KubernetesApi.NotFoundPath(request.Path);
        }
        if (path.Subresource is { } sub && !type.Subresources.Any(s => s.Name == sub && s.Name != "proxy"))
        {
            throw KubernetesApi.NotFoundPath(request.Path);
        }
        // Resources and subresources served by code (reviews, token requests) answer every method themselves.
        if (path.Subresource is { } served && type.Subresources.First(s => s.Name == served).Handler is { } subresourceHandler)
        {
            return subresourceHandler(request, path);
        }
        if (path.Subresource is null && type.Handler is { } handler)
        {
            return handler(request, path);
        }
        var watch = path.LegacyWatch || QueryOptions.Bool(request, "watch");
        var ns = path.Namespace;
        var name = path.Name;
        return (request.Method, name) switch
        {
            ("GET", null) when watch => Watch(request, type, ns, null, cancellationToken),
            ("GET", null) => List(request, type, ns),
            ("GET", _) when watch => Watch(request, type, ns, name, cancellationToken),
            ("GET", _) => Get(request, type, ns, name!),
            ("POST", null) => Create(request, type, ns),
            ("PUT", not null) => Update(request, type, ns, name, Target(path)),
            ("PATCH", not null) => Patch(request, type, ns, name, Target(path)),
            ("DELETE", not null) when path.Subresource is null => Delete(request, type, ns, name),
            ("DELETE", null) when type != registry.Catalog.Namespaces => DeleteCollection(request, type, ns),
            _ => throw MethodNotAllowed(request.Method, type),
        };
    }

    private static UpdateTarget Target(ResourcePath path) => path.Subresource switch
    {
        "status" => UpdateTarget.Status,
        "finalize" => UpdateTarget.Finalize,
        _ => UpdateTarget.Main,
    };

    /// <summary>
    /// <paramref name="options"/> for a PUT or apply that may create <paramref name="name"/>: the request was authorized
    /// as update or patch, so, as kube-apiserver does, creating also needs <c>create</c> on the same object for the same
    /// user. Refused, it is 403 <c>services "web" is forbidden: reason</c> with the authorizer's reason, often empty.
    /// The registry asks at most once a request, only when the object does not exist (Registry/ObjectRegistry.Create.cs).
    /// </summary>
    private WriteOptions WithCreateAuthorization(WriteOptions options, ApiRequest request, ResourceType type, string? ns, string name)
    {
        var user = request.User;
        var create = new RequestAttributes(true, "create", request.Path, type.Group, ns ?? "", type.Plural, "", name);
        return options with
        {
            AuthorizeCreate = () =>
            {
                var (decision, reason) = authorizer.Authorize(user, create);
                if (decision != Decision.Allow)
                {
                    throw ApiErrors.Forbidden(type, name, reason);
                }
            },
        };
    }

    private static ApiException MethodNotAllowed(string method, ResourceType type) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource",
            new StatusDetailsInfo(null, type.Group.Length == 0 ? null : type.Group, type.Plural, null, null));

    private static ApiResponse ObjectResponse(int status, ReadOnlyMemory<byte> json, List<string>? warnings = null)
    {
        var response = new ApiResponse { StatusCode = status, Body = json };
        foreach (var warning in warnings ?? [])
        {
            response.Headers.Add(new("Warning", "299 - " + FieldError.Quote(warning)));
        }
        return response;
    }
}
