using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Server.Kinds;

namespace KubeRpc.Server.Caching;

/// <summary>
/// How one kind enters the cache: its KubernetesClient model becomes the proto message the RPCs return, encoded
/// once per change, with its labels and selectable field values beside it (their repeated strings shared).
/// </summary>
internal sealed class ResourceProjection<TProto, TModel>(ResourceKind<TProto, TModel> kind, StringPool? strings = null)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly string?[] NoFields = [];
    private readonly StringPool _strings = strings ?? StringPool.Shared;

    /// <summary>The Kubernetes kind, e.g. <c>Service</c>.</summary>
    public string Kind => kind.Kind;

    public SelectableFields Fields => kind.Fields;

    public CachedObject<TProto> Project(TModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = model.Metadata ?? throw new FormatException($"{Kind} without metadata");
        var key = new ObjectKey(_strings.Share(meta.NamespaceProperty ?? ""), meta.Name ?? throw new FormatException($"{Kind} without metadata.name"));
        var encoded = kind.ToProto(model).ToByteArray();
        return new CachedObject<TProto>(key, ResourceVersions.Parse(meta.ResourceVersion), encoded, LabelSet.From(meta.Labels, _strings.Share),
            Fields, FieldValues(model));
    }

    private string?[] FieldValues(TModel model)
    {
        var fields = kind.Selectable;
        if (fields.Count == 0)
        {
            return NoFields;
        }
        var values = new string?[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = fields[i].Value(model);
            values[i] = fields[i].Repeats && value is not null ? _strings.Share(value) : value;
        }
        return values;
    }
}
