using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// One object as stored: its model (never mutated once stored), its JSON (what GET, LIST and WATCH send,
/// serialised once) and its resourceVersion.
/// </summary>
internal sealed class StoredObject
{
    public StoredObject(string key, IKubernetesObject<V1ObjectMeta> model, byte[] json, long resourceVersion)
    {
        Key = key;
        Model = model;
        Json = json;
        ResourceVersion = resourceVersion;
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped kinds; the list order.</summary>
    public string Key { get; }

    public IKubernetesObject<V1ObjectMeta> Model { get; }

    public byte[] Json { get; }

    public long ResourceVersion { get; }

    public V1ObjectMeta Metadata => Model.Metadata;

    public string Name => Model.Metadata.Name;

    public string? Namespace => Model.Metadata.NamespaceProperty;

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;
}
