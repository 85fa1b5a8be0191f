using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>How server-side apply treats a list (<c>x-kubernetes-list-type</c>); lists without one are atomic.</summary>
internal enum ApplyListType
{
    Atomic,
    Set,
    Map,
}

/// <summary>
/// Patch metadata of one field, as the Go struct tags and OpenAPI extensions give it. Fields that are not
/// described behave like untagged Go fields: maps merge, lists are replaced (SMP) or atomic (SSA).
/// </summary>
internal sealed class PatchSchemaNode
{
    public static readonly PatchSchemaNode Default = new();

    private readonly IReadOnlyDictionary<string, PatchSchemaNode> _fields;

    public PatchSchemaNode(params (string Name, PatchSchemaNode Node)[] fields)
    {
        _fields = fields.ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal);
    }

    /// <summary>The element schema of a list.</summary>
    public PatchSchemaNode? Items { get; init; }

    /// <summary><c>patchStrategy:"merge"</c> on a list.</summary>
    public bool MergeList { get; init; }

    /// <summary><c>patchMergeKey</c>; empty for a list of primitives.</summary>
    public string MergeKey { get; init; } = "";

    /// <summary><c>patchStrategy:"replace"</c> on a map or struct.</summary>
    public bool ReplaceMap { get; init; }

    /// <summary><c>+listType</c> for server-side apply.</summary>
    public ApplyListType ListType { get; init; }

    /// <summary><c>+listMapKey</c> fields, in declaration order.</summary>
    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    /// <summary>Defaults of key fields that may be omitted (e.g. a Service port's protocol defaults to TCP).</summary>
    public IReadOnlyDictionary<string, JsonNode> KeyDefaults { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary><c>+mapType=atomic</c> or <c>+structType=atomic</c>: server-side apply replaces it whole.</summary>
    public bool Atomic { get; init; }

    public PatchSchemaNode Field(string name) => _fields.TryGetValue(name, out var node) ? node : Default;

    public PatchSchemaNode Element => Items ?? Default;
}
