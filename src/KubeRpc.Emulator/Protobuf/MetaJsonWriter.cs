using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the <c>meta/v1</c> types, member order and omission as Go writes them.</summary>
internal static class MetaJsonWriter
{
    /// <summary>How deep fieldsV1 sits in an object: inside the object, metadata, managedFields and the entry.</summary>
    private const int FieldsV1Depth = 4;

    /// <summary>
    /// <c>metadata</c>. It is a struct in every object, so it is always written; so is its
    /// <c>creationTimestamp</c> (<c>null</c> when unset, which is what kubectl sends).
    /// </summary>
    public static JsonObject ObjectMeta(ObjectMeta? meta)
    {
        meta ??= new ObjectMeta();
        var o = new JsonObject();
        GoJson.String(o, "name", meta.Name);
        GoJson.String(o, "generateName", meta.GenerateName);
        GoJson.String(o, "namespace", meta.Namespace);
        GoJson.String(o, "selfLink", meta.SelfLink);
        GoJson.String(o, "uid", meta.Uid);
        GoJson.String(o, "resourceVersion", meta.ResourceVersion);
        GoJson.Number(o, "generation", meta.Generation);
        o["creationTimestamp"] = GoJson.Time(meta.CreationTimestamp);
        if (meta.DeletionTimestamp is not null)
        {
            o["deletionTimestamp"] = GoJson.Time(meta.DeletionTimestamp);
        }

        GoJson.OptionalNumber(o, "deletionGracePeriodSeconds", meta.HasDeletionGracePeriodSeconds, meta.DeletionGracePeriodSeconds);
        GoJson.StringMap(o, "labels", meta.Labels);
        GoJson.StringMap(o, "annotations", meta.Annotations);
        GoJson.Objects(o, "ownerReferences", meta.OwnerReferences, OwnerReference);
        GoJson.Strings(o, "finalizers", meta.Finalizers);
        GoJson.Objects(o, "managedFields", meta.ManagedFields, ManagedFieldsEntry);
        return o;
    }

    /// <summary>An <c>ownerReferences</c> entry: the four identifying fields are always written.</summary>
    public static JsonObject OwnerReference(OwnerReference reference)
    {
        var o = new JsonObject
        {
            ["apiVersion"] = reference.ApiVersion,
            ["kind"] = reference.Kind,
            ["name"] = reference.Name,
            ["uid"] = reference.Uid,
        };
        GoJson.OptionalBool(o, "controller", reference.HasController, reference.Controller);
        GoJson.OptionalBool(o, "blockOwnerDeletion", reference.HasBlockOwnerDeletion, reference.BlockOwnerDeletion);
        return o;
    }

    /// <summary>A <c>managedFields</c> entry; <c>fieldsV1</c> is the raw JSON it carries.</summary>
    public static JsonObject ManagedFieldsEntry(ManagedFieldsEntry entry)
    {
        var o = new JsonObject();
        GoJson.String(o, "manager", entry.Manager);
        GoJson.String(o, "operation", entry.Operation);
        GoJson.String(o, "apiVersion", entry.ApiVersion);
        if (entry.Time is not null)
        {
            o["time"] = GoJson.Time(entry.Time);
        }

        GoJson.String(o, "fieldsType", entry.FieldsType);
        if (entry.FieldsV1 is not null)
        {
            o["fieldsV1"] = FieldsV1(entry.FieldsV1);
        }

        GoJson.String(o, "subresource", entry.Subresource);
        return o;
    }

    private static JsonNode? FieldsV1(FieldsV1 fields)
    {
        if (fields.Raw.IsEmpty)
        {
            return null;
        }

        // Go's encoder checks the raw JSON it embeds; the emulator also bounds its nesting, so that the whole object
        // (where fieldsV1 sits under the object, metadata, managedFields and the entry) stays within the limit.
        if (GoJsonSyntax.Check(fields.Raw.Span, ApiLimits.MaxJsonDepth - FieldsV1Depth) is { } syntax)
        {
            throw ApiException.BadRequest("json: error calling MarshalJSON for type *v1.FieldsV1: " + syntax);
        }

        try
        {
            return JsonNode.Parse(fields.Raw.Span, documentOptions: JsonDepth.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("json: error calling MarshalJSON for type *v1.FieldsV1: " + e.Message);
        }
    }

    /// <summary>A <c>metav1.Condition</c>: only <c>observedGeneration</c> may be omitted.</summary>
    public static JsonObject Condition(Condition condition)
    {
        var o = new JsonObject
        {
            ["type"] = condition.Type,
            ["status"] = condition.Status,
        };
        GoJson.Number(o, "observedGeneration", condition.ObservedGeneration);
        o["lastTransitionTime"] = GoJson.Time(condition.LastTransitionTime);
        o["reason"] = condition.Reason;
        o["message"] = condition.Message;
        return o;
    }

    /// <summary>A <c>metav1.LabelSelector</c>: both lists omitempty; a requirement's key and operator always written.</summary>
    public static JsonObject LabelSelector(LabelSelector selector)
    {
        var o = new JsonObject();
        GoJson.StringMap(o, "matchLabels", selector.MatchLabels);
        GoJson.Objects(o, "matchExpressions", selector.MatchExpressions, requirement =>
        {
            var r = new JsonObject { ["key"] = requirement.Key, ["operator"] = requirement.Operator };
            GoJson.Strings(r, "values", requirement.Values);
            return r;
        });
        return o;
    }
}
