using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Discovery;
using KubeRpc.Emulator.OpenApi;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Http;

/// <summary>Serves discovery (legacy and aggregated v2/v2beta1) and the OpenAPI v3 index and documents.</summary>
internal sealed class ApiDocuments(IReadOnlyList<ResourceType> resources) : IApiDocuments
{
    private readonly DiscoveryDocuments _discovery = new(resources);
    private readonly OpenApiDocuments _openApi = new(resources);

    public ApiResponse? Handle(ApiRequest request, string path)
    {
        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            return OpenApi(request, path);
        }
        var parts = path.Trim('/').Split('/');
        var aggregated = AggregatedDiscoveryNegotiation.Select(request.Accept);
        return parts switch
        {
            ["api"] when aggregated is { } v => Aggregated(_discovery.AggregatedLegacyGroup(v), v),
            ["api"] => Json(_discovery.ApiVersions(request.ServerAddress)),
            ["apis"] when aggregated is { } v => Aggregated(_discovery.AggregatedGroups(v), v),
            ["apis"] => Json(_discovery.ApiGroupList()),
            ["api", var version] => Json(_discovery.ApiResourceList("", version) ?? throw KubernetesApi.NotFoundPath(path)),
            ["apis", var group] => Json(_discovery.ApiGroup(group) ?? throw KubernetesApi.NotFoundPath(path)),
            ["apis", var group, var version] => Json(_discovery.ApiResourceList(group, version) ?? throw KubernetesApi.NotFoundPath(path)),
            _ => null,
        };
    }

    private ApiResponse OpenApi(ApiRequest request, string path)
    {
        if (path == "/openapi/v3")
        {
            return new ApiResponse { Body = _openApi.IndexJson };
        }
        const string prefix = "/openapi/v3/";
        if (path.StartsWith(prefix, StringComparison.Ordinal) && _openApi.Find(path[prefix.Length..]) is { } document)
        {
            var response = new ApiResponse { Body = document.Json };
            response.Headers.Add(new("ETag", document.ETag));
            return response;
        }
        // kubectl asks for /openapi/v2 only as protobuf; a 404 sends it to v3.
        throw KubernetesApi.NotFoundPath(path);
    }

    private static ApiResponse Json(JsonObject body) => new() { Body = JsonSerializer.SerializeToUtf8Bytes(body) };

    private static ApiResponse Aggregated(JsonObject body, AggregatedDiscoveryVersion version) => new()
    {
        ContentType = AggregatedDiscoveryNegotiation.ContentType(version),
        Body = JsonSerializer.SerializeToUtf8Bytes(body),
    };
}
