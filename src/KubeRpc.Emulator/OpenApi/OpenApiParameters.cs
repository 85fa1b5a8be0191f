using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// The query and path parameters kube-apiserver documents on its operations. They are written inline on each
/// operation (not as <c>$ref</c>s): kubectl's field-validation probe (cli-runtime
/// <c>query_param_verifier_v3.go</c>) compares <c>parameters[].name</c> of the PATCH operation itself with
/// <c>fieldValidation</c>, and a reference has no name of its own.
/// </summary>
internal static class OpenApiParameters
{
    /// <summary>Parameters of list (GET on a collection).</summary>
    public static IEnumerable<JsonObject> List() =>
    [
        Query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        Query("continue", "string", "The continue option should be set when retrieving more results from the server."),
        Query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
        Query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
        Query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
        Query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from."),
        Query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls."),
        Query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
        Query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."),
    ];

    /// <summary>Parameters of create (POST) and replace (PUT).</summary>
    public static IEnumerable<JsonObject> Write() => [DryRun(), FieldManager(), FieldValidation()];

    /// <summary>Parameters of patch: those of a write plus <c>force</c> for apply patches.</summary>
    public static IEnumerable<JsonObject> Patch() =>
        [.. Write(), Query("force", "boolean", "Force is going to \"force\" Apply requests. It must be unset for non-apply patch requests.")];

    /// <summary>Parameters of delete on one object.</summary>
    public static IEnumerable<JsonObject> Delete() =>
    [
        DryRun(),
        Query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
        Query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean",
            "if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error."),
        Query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7."),
        Query("propagationPolicy", "string", "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
    ];

    /// <summary>Parameters of deletecollection: a delete plus the list selectors.</summary>
    public static IEnumerable<JsonObject> DeleteCollection()
    {
        var listNames = new HashSet<string>(StringComparer.Ordinal) { "allowWatchBookmarks", "watch" };
        return Delete().Concat(List().Where(p => !listNames.Contains((string)p["name"]!)))
            .OrderBy(p => (string)p["name"]!, StringComparer.Ordinal);
    }

    /// <summary><c>fieldValidation</c>, the parameter kubectl looks for before it sends <c>?fieldValidation=Strict</c>.</summary>
    public static JsonObject FieldValidation() => Query("fieldValidation", "string",
        "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown "
        + "or duplicate fields. Valid values are: Ignore (drop them silently), Warn (drop them and return a warning header "
        + "for each; the default) and Strict (fail the request with BadRequest, listing every unknown and duplicate field).");

    /// <summary>The <c>{name}</c> path parameter.</summary>
    public static JsonObject Name(string kind) => Path("name", "name of the " + kind);

    /// <summary>The <c>{namespace}</c> path parameter.</summary>
    public static JsonObject Namespace() => Path("namespace", "object name and auth scope, such as for teams and projects");

    /// <summary>The <c>pretty</c> query parameter, documented on every path.</summary>
    public static JsonObject Pretty() => Query("pretty", "string", "If 'true', then the output is pretty printed.");

    private static JsonObject DryRun() => Query("dryRun", "string",
        "When present, indicates that modifications should not be persisted. The only valid value is All.");

    private static JsonObject FieldManager() => Query("fieldManager", "string",
        "fieldManager is a name associated with the actor or entity that is making these changes.");

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject Path(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
