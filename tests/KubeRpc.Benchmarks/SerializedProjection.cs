using Google.Protobuf;
using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Mapping;

namespace KubeRpc.Benchmarks;

/// <summary>
/// A prototype of a leaner cache entry, measured here and not used by the server: the Service proto kept as
/// its serialized bytes (what a Get writes to the wire, through a pass-through marshaller) with only the labels
/// and selectable fields beside it, their strings shared through <see cref="StringSharing"/>.
/// </summary>
internal static class SerializedProjection
{
    public static CachedObject<byte[]> Project(V1Service model, StringSharing sharing)
    {
        var meta = model.Metadata;
        var bytes = ServiceMapping.ToProto(model).ToByteArray();
        var labels = new Dictionary<string, string>(meta.Labels?.Count ?? 0, StringComparer.Ordinal);
        foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
        {
            labels[sharing.Share(key)] = sharing.Share(value);
        }
        var key2 = new ObjectKey(sharing.Share(meta.NamespaceProperty), meta.Name);
        return new CachedObject<byte[]>(key2, ResourceVersions.Parse(meta.ResourceVersion), bytes, labels, SelectableFields.Service,
            [model.Spec?.ClusterIP, model.Spec?.Type is { } type ? sharing.Share(type) : null]);
    }
}
