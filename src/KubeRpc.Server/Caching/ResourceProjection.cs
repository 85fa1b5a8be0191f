using k8s;
using k8s.Models;

namespace KubeRpc.Server.Caching;

/// <summary>
/// How one kind enters the cache: its KubernetesClient model becomes the proto message the RPCs return, once
/// per change, with its labels and selectable field values beside it.
/// </summary>
internal sealed class ResourceProjection<TProto, TModel>(
    string kind,
    Func<TModel, TProto> toProto,
    Func<TProto, IReadOnlyDictionary<string, string>?> labels,
    SelectableFields fields,
    Func<TModel, string?[]> fieldValues)
    where TProto : class
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The Kubernetes kind, e.g. <c>Service</c>.</summary>
    public string Kind { get; } = kind;

    public SelectableFields Fields { get; } = fields;

    public CachedObject<TProto> Project(TModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = model.Metadata ?? throw new FormatException($"{Kind} without metadata");
        var key = new ObjectKey(meta.NamespaceProperty ?? "", meta.Name ?? throw new FormatException($"{Kind} without metadata.name"));
        var proto = toProto(model);
        return new CachedObject<TProto>(key, ResourceVersions.Parse(meta.ResourceVersion), proto, labels(proto), Fields, fieldValues(model));
    }
}
