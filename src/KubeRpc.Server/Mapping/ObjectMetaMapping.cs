using System.Text.Json;
using k8s;
using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// meta/v1 ObjectMeta, OwnerReference and ManagedFieldsEntry both ways. Optional proto fields keep their
/// presence; other empty values are the absent Kubernetes field. <c>fields_v1</c> carries the FieldsV1
/// object as JSON text.
/// </summary>
internal static class ObjectMetaMapping
{
    /// <param name="meta">The proto metadata; null gives null.</param>
    /// <param name="field">Its proto field path, for errors, e.g. <c>service.metadata</c>.</param>
    public static V1ObjectMeta? ToKubernetes(ObjectMeta? meta, string field = "metadata") => meta is null ? null : new V1ObjectMeta
    {
        Name = NullIfEmpty(meta.Name),
        GenerateName = NullIfEmpty(meta.GenerateName),
        NamespaceProperty = NullIfEmpty(meta.Namespace),
        SelfLink = NullIfEmpty(meta.SelfLink),
        Uid = NullIfEmpty(meta.Uid),
        ResourceVersion = NullIfEmpty(meta.ResourceVersion),
        Generation = NullIfZero(meta.Generation),
        CreationTimestamp = ToDateTime(meta.CreationTimestamp, field + ".creation_timestamp"),
        DeletionTimestamp = ToDateTime(meta.DeletionTimestamp, field + ".deletion_timestamp"),
        DeletionGracePeriodSeconds = meta.HasDeletionGracePeriodSeconds ? meta.DeletionGracePeriodSeconds : null,
        Labels = MapOrNull(meta.Labels),
        Annotations = MapOrNull(meta.Annotations),
        OwnerReferences = ListOrNull(meta.OwnerReferences, (o, _) => ToKubernetes(o)),
        Finalizers = ListOrNull(meta.Finalizers),
        ManagedFields = ListOrNull(meta.ManagedFields, (m, i) => ToKubernetes(m, $"{field}.managed_fields[{i}]")),
    };

    public static ObjectMeta? ToProto(V1ObjectMeta? meta)
    {
        if (meta is null)
        {
            return null;
        }
        var proto = new ObjectMeta
        {
            Name = meta.Name ?? "",
            GenerateName = meta.GenerateName ?? "",
            Namespace = meta.NamespaceProperty ?? "",
            SelfLink = meta.SelfLink ?? "",
            Uid = meta.Uid ?? "",
            ResourceVersion = meta.ResourceVersion ?? "",
            Generation = meta.Generation ?? 0,
            CreationTimestamp = ToTimestamp(meta.CreationTimestamp),
            DeletionTimestamp = ToTimestamp(meta.DeletionTimestamp),
        };
        if (meta.DeletionGracePeriodSeconds is { } grace)
        {
            proto.DeletionGracePeriodSeconds = grace;
        }
        AddAll(proto.Labels, meta.Labels);
        AddAll(proto.Annotations, meta.Annotations);
        AddAll(proto.OwnerReferences, meta.OwnerReferences, o => ToProto(o) ?? new OwnerReference());
        AddAll(proto.Finalizers, meta.Finalizers);
        AddAll(proto.ManagedFields, meta.ManagedFields, m => ToProto(m) ?? new ManagedFieldsEntry());
        return proto;
    }

    public static V1OwnerReference ToKubernetes(OwnerReference owner) => new()
    {
        ApiVersion = NullIfEmpty(owner.ApiVersion),
        Kind = NullIfEmpty(owner.Kind),
        Name = NullIfEmpty(owner.Name),
        Uid = NullIfEmpty(owner.Uid),
        Controller = owner.HasController ? owner.Controller : null,
        BlockOwnerDeletion = owner.HasBlockOwnerDeletion ? owner.BlockOwnerDeletion : null,
    };

    public static OwnerReference? ToProto(V1OwnerReference? owner)
    {
        if (owner is null)
        {
            return null;
        }
        var proto = new OwnerReference
        {
            ApiVersion = owner.ApiVersion ?? "",
            Kind = owner.Kind ?? "",
            Name = owner.Name ?? "",
            Uid = owner.Uid ?? "",
        };
        if (owner.Controller is { } controller)
        {
            proto.Controller = controller;
        }
        if (owner.BlockOwnerDeletion is { } block)
        {
            proto.BlockOwnerDeletion = block;
        }
        return proto;
    }

    /// <param name="entry">The proto entry.</param>
    /// <param name="field">Its proto field path, for errors, e.g. <c>service.metadata.managed_fields[0]</c>.</param>
    public static V1ManagedFieldsEntry ToKubernetes(ManagedFieldsEntry entry, string field = "managed_fields") => new()
    {
        Manager = NullIfEmpty(entry.Manager),
        Operation = NullIfEmpty(entry.Operation),
        ApiVersion = NullIfEmpty(entry.ApiVersion),
        Time = ToDateTime(entry.Time, field + ".time"),
        FieldsType = NullIfEmpty(entry.FieldsType),
        FieldsV1 = ParseFields(entry.FieldsV1, field + ".fields_v1"),
        Subresource = NullIfEmpty(entry.Subresource),
    };

    public static ManagedFieldsEntry? ToProto(V1ManagedFieldsEntry? entry) => entry is null ? null : new ManagedFieldsEntry
    {
        Manager = entry.Manager ?? "",
        Operation = entry.Operation ?? "",
        ApiVersion = entry.ApiVersion ?? "",
        Time = ToTimestamp(entry.Time),
        FieldsType = entry.FieldsType ?? "",
        FieldsV1 = FormatFields(entry.FieldsV1),
        Subresource = entry.Subresource ?? "",
    };

    // Kubernetes judges the field set's content; KubeRpc only needs it to be JSON to carry it.
    private static JsonElement? ParseFields(string json, string field)
    {
        if (json.Length == 0)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new MappingException(field, $"Invalid value: {json.Length} bytes: not valid JSON: {e.Message}", e);
        }
    }

    // KubernetesClient reads fieldsV1 as a JsonElement; code may also set any serialisable object.
    private static string FormatFields(object? fields) => fields switch
    {
        null => "",
        JsonElement { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => "",
        JsonElement element => element.GetRawText(),
        _ => KubernetesJson.Serialize(fields),
    };
}
