using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// The OpenAPI v3 documents of the served resources, generated from their <see cref="ResourceType"/>s and
/// KubernetesClient model types: the index (<c>GET /openapi/v3</c>) and one document per group-version
/// (<c>GET /openapi/v3/api/v1</c>, <c>GET /openapi/v3/apis/networking.k8s.io/v1</c>).
/// </summary>
/// <remarks>
/// <para>kubectl needs these for its default <c>--validate=strict</c> (create/apply/replace/edit): it fetches the
/// document of the object's group-version and sends <c>?fieldValidation=Strict</c> only if a PATCH operation with
/// the object's <c>x-kubernetes-group-version-kind</c> lists a <c>fieldValidation</c> parameter; every document the
/// index lists must be fetchable. <c>kubectl explain</c> and the client-side apply patcher read the schemas.</para>
/// <para>Documents are built once, on first use, and are immutable afterwards; the hash in each URL is the SHA-512 of
/// the document, so it only changes when the resource set changes. Thread-safe.</para>
/// </remarks>
public sealed class OpenApiDocuments
{
    /// <summary>The <c>info.version</c> of the documents (kube-apiserver writes its gitVersion there).</summary>
    public const string DefaultInfoVersion = "v1.32.4";

    private readonly Lazy<(byte[] Index, IReadOnlyList<OpenApiGroupVersionDocument> Documents)> built;

    /// <param name="resources">The served resources; each group-version gets one document.</param>
    /// <param name="docs">Field descriptions; <see cref="KubernetesModelDocs.Default"/> when null.</param>
    /// <param name="infoVersion">The <c>info.version</c> written into every document.</param>
    public OpenApiDocuments(IEnumerable<ResourceType> resources, KubernetesModelDocs? docs = null, string infoVersion = DefaultInfoVersion)
    {
        var list = resources.ToList();
        built = new Lazy<(byte[], IReadOnlyList<OpenApiGroupVersionDocument>)>(
            () => Build(list, docs ?? KubernetesModelDocs.Default, infoVersion), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The body of <c>GET /openapi/v3</c>: <c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}</c>.</summary>
    public byte[] IndexJson => built.Value.Index;

    /// <summary>All group-version documents, sorted by path.</summary>
    public IReadOnlyList<OpenApiGroupVersionDocument> Documents => built.Value.Documents;

    /// <summary>Finds the document for <c>api/v1</c> or <c>apis/&lt;group&gt;/&lt;version&gt;</c> (no leading slash, no query).</summary>
    public OpenApiGroupVersionDocument? Find(string path) =>
        Documents.FirstOrDefault(d => string.Equals(d.Path, path.Trim('/'), StringComparison.Ordinal));

    /// <summary>The document key of a group-version: <c>api/v1</c> or <c>apis/networking.k8s.io/v1</c>.</summary>
    public static string PathOf(string group, string version) => group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";

    private static (byte[], IReadOnlyList<OpenApiGroupVersionDocument>) Build(List<ResourceType> resources, KubernetesModelDocs docs, string infoVersion)
    {
        var documents = resources
            .GroupBy(r => PathOf(r.Group, r.Version), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Document(g.Key, BuildDocument([.. g], docs, infoVersion)))
            .ToList();
        var paths = new JsonObject();
        foreach (var document in documents)
        {
            paths[document.Path] = new JsonObject { ["serverRelativeURL"] = document.ServerRelativeUrl };
        }
        return (Utf8(new JsonObject { ["paths"] = paths }), documents);
    }

    private static OpenApiGroupVersionDocument Document(string path, JsonObject document)
    {
        var json = Utf8(document);
        return new OpenApiGroupVersionDocument(path, Convert.ToHexString(SHA512.HashData(json)), json);
    }

    // Written with Utf8JsonWriter, not JsonSerializer: the host may disable reflection-based serialization.
    private static byte[] Utf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The document of one group-version, as a mutable tree (tests inspect it; the server sends <see cref="Documents"/>).</summary>
    internal static JsonObject BuildDocument(IReadOnlyList<ResourceType> resources, KubernetesModelDocs docs, string infoVersion)
    {
        var kinds = new Dictionary<Type, IReadOnlyList<GroupVersionKind>>();
        foreach (var resource in resources)
        {
            kinds[resource.ModelType] = [new GroupVersionKind(resource.Group, resource.Version, resource.Kind)];
            if (resource.Verbs.Contains("list"))
            {
                // A create-only review has no list kind.
                kinds[resource.ListModelType] = [new GroupVersionKind(resource.Group, resource.Version, resource.ListKind)];
            }
        }
        var schemas = new OpenApiSchemaBuilder(docs, kinds);
        var paths = new OpenApiPathBuilder();
        foreach (var resource in resources)
        {
            var kindRef = OpenApiSchemaNames.Ref(schemas.Add(resource.ModelType));
            var listRef = resource.Verbs.Contains("list") ? OpenApiSchemaNames.Ref(schemas.Add(resource.ListModelType)) : kindRef;
            paths.Add(resource, kindRef, listRef);
        }
        // Referenced by every delete operation.
        schemas.Add(typeof(V1DeleteOptions));
        schemas.Add(typeof(V1Status));
        schemas.AddComponent(OpenApiSchemaNames.Patch, OpenApiWellKnownSchemas.Patch());

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = infoVersion },
            ["paths"] = paths.Build(),
            ["components"] = new JsonObject { ["schemas"] = schemas.Build() },
        };
    }
}
