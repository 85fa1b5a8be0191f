using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;

namespace KubeRpc.Server.Caching;

/// <summary>
/// How one kind enters the cache: its KubernetesClient model becomes the proto message the RPCs return, encoded
/// once per change, with its labels and selectable field values beside it (their repeated strings shared).
/// </summary>
internal sealed class ResourceProjection<TProto, TModel>(
    string kind,
    Func<TModel, TProto> toProto,
    SelectableFields fields,
    Func<TModel, StringPool, string?[]> fieldValues,
    StringPool? strings = null)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly StringPool _strings = strings ?? StringPool.Shared;

    /// <summary>The Kubernetes kind, e.g. <c>Service</c>.</summary>
    public string Kind { get; } = kind;

    public SelectableFields Fields { get; } = fields;

    public CachedObject<TProto> Project(TModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = model.Metadata ?? throw new FormatException($"{Kind} without metadata");
        var key = new ObjectKey(_strings.Share(meta.NamespaceProperty ?? ""), meta.Name ?? throw new FormatException($"{Kind} without metadata.name"));
        var encoded = toProto(model).ToByteArray();
        return new CachedObject<TProto>(key, ResourceVersions.Parse(meta.ResourceVersion), encoded, LabelSet.From(meta.Labels, _strings.Share),
            Fields, fieldValues(model, _strings));
    }
}
