using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery.Selection;

namespace KubeRpc.Emulator.Registry;

/// <summary>A namespace plus label and field selectors, checked against a resource's supported field labels.</summary>
internal sealed class ObjectFilter
{
    private readonly ResourceType _type;
    private readonly LabelSelector _labels;
    private readonly FieldSelector _fields;

    public ObjectFilter(ResourceType type, string? ns, string? labelSelector, string? fieldSelector)
    {
        _type = type;
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
        try
        {
            _labels = LabelSelector.Parse(labelSelector);
            _fields = FieldSelector.Parse(fieldSelector);
        }
        catch (SelectorSyntaxException e)
        {
            // kube-apiserver answers a selector that does not parse with 400 and the parser's text as is.
            throw ApiException.BadRequest(e.Message);
        }
        foreach (var field in _fields.Fields)
        {
            if (field is not ("metadata.name" or "metadata.namespace") && !type.FieldSelectors.ContainsKey(field))
            {
                // The core kinds that register their own field label conversion (those with fields beyond metadata)
                // word it themselves; every other kind gets apimachinery's DefaultMetaV1FieldSelectorConversion.
                throw ApiException.BadRequest(type.Group.Length == 0 && type.FieldSelectors.Count > 0
                    ? $"field label not supported: {field}"
                    : $"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }
        }
    }

    public string? Namespace { get; }

    /// <summary>True when neither selector restricts anything (then lists report remainingItemCount).</summary>
    public bool SelectsAll => _labels.IsEmpty && _fields.IsEmpty;

    public bool InNamespace(StoredObject o) => Namespace is null || o.Namespace == Namespace;

    /// <summary>Whether the object matches both selectors (the namespace is checked separately).</summary>
    public bool Matches(StoredObject o) =>
        (_labels.IsEmpty || _labels.Matches(o.Metadata.Labels))
        && (_fields.IsEmpty || _fields.Matches(field => FieldValue(o, field)));

    private string? FieldValue(StoredObject o, string field) => field switch
    {
        "metadata.name" => o.Name,
        "metadata.namespace" => o.Namespace ?? "",
        _ => _type.FieldSelectors.TryGetValue(field, out var get) ? get(o.Model) : null,
    };
}
