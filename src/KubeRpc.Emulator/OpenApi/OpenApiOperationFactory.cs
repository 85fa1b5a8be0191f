using System.Text.Json.Nodes;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>Writes single OpenAPI operations of one resource in kube-apiserver's shape.</summary>
internal sealed class OpenApiOperationFactory(ResourceType resource, string kindRef)
{
    // The media types kube-apiserver lists for object responses.
    private static readonly string[] ResponseMediaTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

    // The patch types accepted by PATCH; kubectl apply checks for strategic-merge-patch+json before computing
    // a strategic patch from these schemas (kubectl pkg/cmd/apply/patcher.go gvkSupportsPatchOpenAPIV3).
    private static readonly string[] PatchMediaTypes =
    [
        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json",
    ];

    private readonly string tag = OpenApiSchemaNames.GroupPackage(resource.Group) + "_" + resource.Version;

    /// <summary>GET on a collection: list or watch.</summary>
    public JsonObject List(string operationId, string listRef) =>
        Make("list", operationId, $"list or watch objects of kind {resource.Kind}", OpenApiParameters.List(), null, ("200", listRef));

    /// <summary>POST; <paramref name="what"/> is e.g. "a Service".</summary>
    public JsonObject Create(string operationId, string what) =>
        Make("post", operationId, "create " + what, OpenApiParameters.Write(), ObjectBody(), ("200", kindRef), ("201", kindRef), ("202", kindRef));

    /// <summary>DELETE on a collection.</summary>
    public JsonObject DeleteCollection(string operationId) =>
        Make("deletecollection", operationId, "delete collection of " + resource.Kind, OpenApiParameters.DeleteCollection(), DeleteBody(),
            ("200", OpenApiSchemaNames.Ref(OpenApiSchemaNames.Status)));

    /// <summary>GET on an item; <paramref name="what"/> is e.g. "the specified Service" or "status of the specified Service".</summary>
    public JsonObject Read(string operationId, string what) => Make("get", operationId, "read " + what, [], null, ("200", kindRef));

    /// <summary>PUT on an item.</summary>
    public JsonObject Replace(string operationId, string what) =>
        Make("put", operationId, "replace " + what, OpenApiParameters.Write(), ObjectBody(), ("200", kindRef), ("201", kindRef));

    /// <summary>PATCH on an item, with <c>fieldValidation</c> among its parameters.</summary>
    public JsonObject Patch(string operationId, string what) =>
        Make("patch", operationId, "partially update " + what, OpenApiParameters.Patch(), PatchBody(), ("200", kindRef), ("201", kindRef));

    /// <summary>DELETE on an item, answered with <paramref name="deletedRef"/> (the object or a Status).</summary>
    public JsonObject Delete(string operationId, string deletedRef) =>
        Make("delete", operationId, "delete a " + resource.Kind, OpenApiParameters.Delete(), DeleteBody(), ("200", deletedRef), ("202", deletedRef));

    /// <summary>One operation with its action, GVK, parameters, body and responses.</summary>
    private JsonObject Make(string action, string operationId, string description, IEnumerable<JsonObject> parameters,
        JsonObject? requestBody, params (string Code, string SchemaRef)[] responses)
    {
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(tag),
            ["description"] = description,
            ["operationId"] = operationId,
        };
        var parameterArray = new JsonArray([.. parameters]);
        if (parameterArray.Count > 0)
        {
            operation["parameters"] = parameterArray;
        }
        if (requestBody is not null)
        {
            operation["requestBody"] = requestBody;
        }
        var responseObject = new JsonObject();
        foreach (var (code, schemaRef) in responses)
        {
            responseObject[code] = new JsonObject { ["description"] = Describe(code), ["content"] = Content(ResponseMediaTypes, schemaRef) };
        }
        responseObject["401"] = new JsonObject { ["description"] = "Unauthorized" };
        operation["responses"] = responseObject;
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = new GroupVersionKind(resource.Group, resource.Version, resource.Kind).ToJson();
        return operation;
    }

    /// <summary>The body of POST and PUT: the object itself.</summary>
    private JsonObject ObjectBody() => new() { ["content"] = Content(["*/*"], kindRef), ["required"] = true };

    /// <summary>The body of PATCH: a <c>meta/v1.Patch</c> in any of the four patch media types.</summary>
    private static JsonObject PatchBody() => new()
    {
        ["content"] = Content(PatchMediaTypes, OpenApiSchemaNames.Ref(OpenApiSchemaNames.Patch)),
        ["required"] = true,
    };

    /// <summary>The optional body of DELETE: <c>DeleteOptions</c>.</summary>
    private static JsonObject DeleteBody() => new() { ["content"] = Content(["*/*"], OpenApiSchemaNames.Ref(OpenApiSchemaNames.DeleteOptions)) };

    private static JsonObject Content(IEnumerable<string> mediaTypes, string schemaRef)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = schemaRef } };
        }
        return content;
    }

    private static string Describe(string code) => code switch
    {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        _ => code,
    };
}
