using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.OpenApi;

namespace KubeRpc.Emulator.Tests.OpenApi;

public class OpenApiDocumentsTests
{
    [Fact]
    public void IndexJson_ServedResources_ListsEachGroupVersionWithItsHashedUrl()
    {
        var documents = OpenApiTestDocuments.Documents;
        var paths = JsonNode.Parse(documents.IndexJson)!["paths"]!.AsObject();

        Assert.Equal(["api/v1", "apis/networking.k8s.io/v1"], paths.Select(p => p.Key));
        foreach (var (path, entry) in paths)
        {
            var document = documents.Find(path)!;
            Assert.Equal("/openapi/v3/" + path + "?hash=" + document.Hash, (string)entry!["serverRelativeURL"]!);
            Assert.Equal(Convert.ToHexString(SHA512.HashData(document.Json)), document.Hash);
            Assert.Equal(document.ServerRelativeUrl, (string)entry["serverRelativeURL"]!);
        }
    }

    [Fact]
    public void Hash_SameResourcesBuiltTwice_IsStable()
    {
        var first = new OpenApiDocuments(ServedResources.All, KubernetesModelDocs.Empty);
        var second = new OpenApiDocuments(ServedResources.All, KubernetesModelDocs.Empty);
        var coreOnly = new OpenApiDocuments([ServedResources.Namespaces, ServedResources.Services], KubernetesModelDocs.Empty);

        Assert.Equal(first.IndexJson, second.IndexJson);
        Assert.Equal(first.Find("api/v1")!.Hash, second.Find("api/v1")!.Hash);
        Assert.NotEqual(first.Find("api/v1")!.Hash, coreOnly.Find("api/v1")!.Hash);
        Assert.Null(coreOnly.Find("apis/networking.k8s.io/v1"));
    }

    [Theory]
    [InlineData("api/v1", "api/v1")]
    [InlineData("/apis/networking.k8s.io/v1", "apis/networking.k8s.io/v1")]
    [InlineData("apis/apps/v1", null)]
    public void Find_Path_ReturnsServedDocumentOrNull(string path, string? expected) =>
        Assert.Equal(expected, OpenApiTestDocuments.Documents.Find(path)?.Path);

    [Theory]
    [InlineData("api/v1", "", "Namespace")]
    [InlineData("api/v1", "", "Service")]
    [InlineData("api/v1", "", "Secret")]
    [InlineData("apis/networking.k8s.io/v1", "networking.k8s.io", "Ingress")]
    [InlineData("apis/networking.k8s.io/v1", "networking.k8s.io", "IngressClass")]
    public void PatchOperation_ServedKind_ListsFieldValidationWhereKubectlLooks(string path, string group, string kind)
    {
        // cli-runtime query_param_verifier_v3.go: the first PATCH operation whose x-kubernetes-group-version-kind
        // equals the GVK decides, by the names in its own parameters.
        var patch = OpenApiTestDocuments.Parse(path)["paths"]!.AsObject()
            .Select(p => p.Value!["patch"])
            .OfType<JsonObject>()
            .First(op => Gvk(op) == (group, "v1", kind));

        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        // kubectl apply (patcher.go) builds a strategic merge patch from v3 only if PATCH accepts it.
        Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
    }

    [Fact]
    public void Paths_Services_HaveCollectionItemStatusAndAllNamespacesOperations()
    {
        var paths = OpenApiTestDocuments.Core["paths"]!;
        var collection = paths["/api/v1/namespaces/{namespace}/services"]!;
        var item = paths["/api/v1/namespaces/{namespace}/services/{name}"]!;
        var status = paths["/api/v1/namespaces/{namespace}/services/{name}/status"]!;

        Assert.Equal(["list", "post", "deletecollection"], Actions(collection, "get", "post", "delete"));
        Assert.Equal(["get", "put", "patch", "delete"], Actions(item, "get", "put", "patch", "delete"));
        Assert.Equal(["get", "put", "patch"], Actions(status, "get", "put", "patch"));
        Assert.Equal("list", (string)paths["/api/v1/services"]!["get"]!["x-kubernetes-action"]!);
        Assert.Equal("patchCoreV1NamespacedServiceStatus", (string)status["patch"]!["operationId"]!);
        Assert.Null(paths["/api/v1/namespaces/{namespace}/services/{name}/proxy"]);
        Assert.Equal(["name", "namespace", "pretty"], item["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(("", "v1", "Service"), Gvk(collection["get"]!.AsObject()));
    }

    [Fact]
    public void Paths_Namespaces_AreClusterScopedWithFinalizeAndNoDeleteCollection()
    {
        var paths = OpenApiTestDocuments.Core["paths"]!;
        var collection = paths["/api/v1/namespaces"]!.AsObject();
        var finalize = paths["/api/v1/namespaces/{name}/finalize"]!.AsObject();

        Assert.Null(collection["delete"]);
        Assert.Equal("createCoreV1Namespace", (string)collection["post"]!["operationId"]!);
        Assert.Equal(["put", "parameters"], finalize.Select(p => p.Key));
        Assert.Equal(["name", "pretty"], finalize["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("replaceCoreV1NamespaceFinalize", (string)finalize["put"]!["operationId"]!);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/{namespace}/services", "post")]
    [InlineData("/api/v1/namespaces/{namespace}/services/{name}", "put")]
    [InlineData("/api/v1/namespaces/{namespace}/services/{name}/status", "patch")]
    public void WriteOperations_ListFieldValidation(string path, string method)
    {
        var operation = OpenApiTestDocuments.Core["paths"]![path]![method]!;
        Assert.Contains("fieldValidation", operation["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
    }

    [Fact]
    public void DeleteResponse_FollowsReturnDeletedObject()
    {
        var paths = OpenApiTestDocuments.Core["paths"]!;
        string Deleted(string path) => (string)paths[path]!["delete"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!;

        Assert.EndsWith("io.k8s.api.core.v1.Service", Deleted("/api/v1/namespaces/{namespace}/services/{name}"));
        Assert.EndsWith("io.k8s.apimachinery.pkg.apis.meta.v1.Status", Deleted("/api/v1/namespaces/{namespace}/secrets/{name}"));
    }

    [Fact]
    public void Paths_IngressClasses_UseNetworkingNames()
    {
        var collection = OpenApiTestDocuments.Networking["paths"]!["/apis/networking.k8s.io/v1/ingressclasses"]!;
        Assert.Equal("listNetworkingV1IngressClass", (string)collection["get"]!["operationId"]!);
        Assert.Equal("networking_v1", (string)collection["get"]!["tags"]![0]!);
        Assert.Equal(("networking.k8s.io", "v1", "IngressClass"), Gvk(collection["post"]!.AsObject()));
    }

    [Theory]
    [InlineData("api/v1")]
    [InlineData("apis/networking.k8s.io/v1")]
    public void References_EveryRef_ResolvesToAComponent(string path)
    {
        var document = OpenApiTestDocuments.Parse(path);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = new List<string>();
        Collect(document, references);

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r.Replace("#/components/schemas/", "", StringComparison.Ordinal)), r));
    }

    private static (string, string, string) Gvk(JsonObject operation)
    {
        var gvk = operation["x-kubernetes-group-version-kind"]!;
        return ((string)gvk["group"]!, (string)gvk["version"]!, (string)gvk["kind"]!);
    }

    private static string[] Actions(JsonNode pathItem, params string[] methods) =>
        [.. methods.Select(m => (string)pathItem[m]!["x-kubernetes-action"]!)];

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        references.Add((string)value!);
                    }
                    Collect(value, references);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }
                break;
        }
    }
}
