using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    private ApiResponse Get(ApiRequest request, ResourceType type, string? ns, string name)
    {
        var stored = registry.Get(type, ns, name);
        if (MediaTypes.WantsTable(request.Accept))
        {
            return new ApiResponse
            {
                ContentType = TableBodies.ContentType,
                Body = TableBodies.Table(type, [stored], null, null, null, request.QueryValue("includeObject"), registry.Store.Now),
            };
        }
        return ObjectResponse(200, stored.Json);
    }

    private ApiResponse List(ApiRequest request, ResourceType type, string? ns)
    {
        if (QueryOptions.Bool(request, "sendInitialEvents"))
        {
            throw ApiErrors.InvalidOptions("ListOptions",
                [FieldError.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list")]);
        }
        var limit = QueryOptions.Long(request, "limit");
        var page = registry.List(type, new ListRequest(
            Filter(request, type, ns), request.QueryValue("resourceVersion"), request.QueryValue("resourceVersionMatch"),
            limit < 0 ? 0 : limit, request.QueryValue("continue")));
        if (MediaTypes.WantsTable(request.Accept))
        {
            return new ApiResponse
            {
                ContentType = TableBodies.ContentType,
                Body = TableBodies.Table(type, page, request.QueryValue("includeObject"), registry.Store.Now),
            };
        }
        return new ApiResponse { Body = ListBodies.List(type, page) };
    }

    private static ObjectFilter Filter(ApiRequest request, ResourceType type, string? ns, string? name = null)
    {
        var fields = request.QueryValue("fieldSelector");
        if (name is not null)
        {
            // A watch on one item (the deprecated /watch/.../{name} form) is a watch with metadata.name=name.
            fields = string.IsNullOrEmpty(fields) ? $"metadata.name={name}" : $"{fields},metadata.name={name}";
        }
        return new ObjectFilter(type, ns, request.QueryValue("labelSelector"), fields);
    }
}
