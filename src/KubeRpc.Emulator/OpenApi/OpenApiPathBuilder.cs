using System.Text.Json.Nodes;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Builds the <c>paths</c> of one group-version document: for each resource its collection path
/// (list/create/deletecollection), item path (read/replace/patch/delete), the all-namespaces list of a namespaced
/// resource, and <c>/status</c>-like subresources, each operation tagged with <c>x-kubernetes-action</c> and
/// <c>x-kubernetes-group-version-kind</c> as kube-apiserver does. <c>kubectl explain</c> finds a resource's GVK
/// from these operations, and kubectl's validation probe needs the PATCH operations.
/// </summary>
internal sealed class OpenApiPathBuilder
{
    // Connect-style subresources answer with streams or other kinds; they have no object schema to document.
    private static readonly HashSet<string> ConnectSubresources = new(StringComparer.Ordinal) { "attach", "exec", "log", "portforward", "proxy" };

    private readonly SortedDictionary<string, JsonObject> paths = new(StringComparer.Ordinal);

    /// <summary>Adds every documented path of <paramref name="resource"/>.</summary>
    public void Add(ResourceType resource, string kindRef, string listRef)
    {
        var names = new OperationNames(resource);
        var prefix = resource.Group.Length == 0 ? "/api/" + resource.Version : $"/apis/{resource.Group}/{resource.Version}";
        var collection = prefix + (resource.Namespaced ? "/namespaces/{namespace}/" : "/") + resource.Plural;
        var item = collection + "/{name}";
        var verbs = new HashSet<string>(resource.Verbs, StringComparer.Ordinal);
        var op = new OpenApiOperationFactory(resource, kindRef);
        var the = "the specified " + resource.Kind;

        var collectionOps = new JsonObject();
        AddIf(collectionOps, verbs.Contains("list"), "get", () => op.List(names.Id("list"), listRef));
        AddIf(collectionOps, verbs.Contains("create"), "post", () => op.Create(names.Id("create"), "a " + resource.Kind));
        AddIf(collectionOps, verbs.Contains("deletecollection"), "delete", () => op.DeleteCollection(names.Id("delete", "Collection")));
        Put(collection, collectionOps, resource, withName: false);

        var deleted = resource.Strategy.ReturnDeletedObject ? kindRef : OpenApiSchemaNames.Ref(OpenApiSchemaNames.Status);
        var itemOps = new JsonObject();
        AddIf(itemOps, verbs.Contains("get"), "get", () => op.Read(names.Id("read"), the));
        AddIf(itemOps, verbs.Contains("update"), "put", () => op.Replace(names.Id("replace"), the));
        AddIf(itemOps, verbs.Contains("patch"), "patch", () => op.Patch(names.Id("patch"), the));
        AddIf(itemOps, verbs.Contains("delete"), "delete", () => op.Delete(names.Id("delete"), deleted));
        Put(item, itemOps, resource, withName: true);

        if (resource.Namespaced && verbs.Contains("list"))
        {
            var all = new JsonObject { ["get"] = op.List(names.ForAllNamespaces(), listRef) };
            paths[$"{prefix}/{resource.Plural}"] = WithParameters(all, OpenApiParameters.Pretty());
        }

        // A subresource of another kind (serviceaccounts/token takes a TokenRequest) is not documented here.
        foreach (var sub in resource.Subresources.Where(s => !ConnectSubresources.Contains(s.Name) && s.ResponseKind is null))
        {
            AddSubresource(resource, sub, item, names, op);
        }
    }

    /// <summary>The <c>paths</c> object, sorted by path.</summary>
    public JsonObject Build()
    {
        var result = new JsonObject();
        foreach (var (path, item) in paths)
        {
            result[path] = item;
        }
        return result;
    }

    private void AddSubresource(ResourceType resource, SubresourceType sub, string item, OperationNames names, OpenApiOperationFactory op)
    {
        var suffix = char.ToUpperInvariant(sub.Name[0]) + sub.Name[1..];
        var of = $"{sub.Name} of the specified {resource.Kind}";
        var verbs = new HashSet<string>(sub.Verbs, StringComparer.Ordinal);
        var ops = new JsonObject();
        AddIf(ops, verbs.Contains("get"), "get", () => op.Read(names.Id("read", suffix: suffix), of));
        AddIf(ops, verbs.Contains("create"), "post", () => op.Create(names.Id("create", suffix: suffix), $"{sub.Name} of a {resource.Kind}"));
        AddIf(ops, verbs.Contains("update"), "put", () => op.Replace(names.Id("replace", suffix: suffix), of));
        AddIf(ops, verbs.Contains("patch"), "patch", () => op.Patch(names.Id("patch", suffix: suffix), of));
        Put(item + "/" + sub.Name, ops, resource, withName: true);
    }

    private void Put(string path, JsonObject ops, ResourceType resource, bool withName)
    {
        if (ops.Count == 0)
        {
            return;
        }
        var parameters = new List<JsonObject>();
        if (withName)
        {
            parameters.Add(OpenApiParameters.Name(resource.Kind));
        }
        if (resource.Namespaced)
        {
            parameters.Add(OpenApiParameters.Namespace());
        }
        parameters.Add(OpenApiParameters.Pretty());
        paths[path] = WithParameters(ops, [.. parameters]);
    }

    private static JsonObject WithParameters(JsonObject ops, params JsonObject[] parameters)
    {
        ops["parameters"] = new JsonArray([.. parameters]);
        return ops;
    }

    private static void AddIf(JsonObject ops, bool condition, string method, Func<JsonObject> operation)
    {
        if (condition)
        {
            ops[method] = operation();
        }
    }

    /// <summary>kube-apiserver's operation ids, e.g. <c>patchCoreV1NamespacedService</c>, <c>listNetworkingV1IngressClass</c>.</summary>
    private sealed class OperationNames(ResourceType resource)
    {
        private readonly string groupVersion = Pascal(OpenApiSchemaNames.GroupPackage(resource.Group)) + Pascal(resource.Version);

        public string Id(string verb, string infix = "", string suffix = "") =>
            verb + groupVersion + infix + (resource.Namespaced ? "Namespaced" : "") + resource.Kind + suffix;

        public string ForAllNamespaces() => "list" + groupVersion + resource.Kind + "ForAllNamespaces";

        private static string Pascal(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }
}
