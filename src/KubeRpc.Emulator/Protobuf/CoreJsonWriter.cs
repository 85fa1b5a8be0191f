using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the core/v1 Namespace, Secret and ServiceAccount, as Go writes them.</summary>
internal static class CoreJsonWriter
{
    /// <summary>A Namespace; <c>spec</c> and <c>status</c> are structs, so always written (kubectl sends <c>{}</c>).</summary>
    public static void Namespace(JsonObject o, Namespace ns)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(ns.Metadata);
        var spec = new JsonObject();
        GoJson.Strings(spec, "finalizers", ns.Spec?.Finalizers ?? []);
        o["spec"] = spec;
        var status = new JsonObject();
        GoJson.String(status, "phase", ns.Status?.Phase ?? "");
        GoJson.Objects(status, "conditions", ns.Status?.Conditions ?? [], NamespaceCondition);
        o["status"] = status;
    }

    private static JsonObject NamespaceCondition(NamespaceCondition condition)
    {
        var o = new JsonObject
        {
            ["type"] = condition.Type,
            ["status"] = condition.Status,
            ["lastTransitionTime"] = GoJson.Time(condition.LastTransitionTime),
        };
        GoJson.String(o, "reason", condition.Reason);
        GoJson.String(o, "message", condition.Message);
        return o;
    }

    /// <summary>A Secret: <c>data</c> base64, <c>stringData</c> plain, <c>immutable</c> only when set.</summary>
    public static void Secret(JsonObject o, Secret secret)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(secret.Metadata);
        GoJson.OptionalBool(o, "immutable", secret.HasImmutable, secret.Immutable);
        GoJson.BytesMap(o, "data", secret.Data);
        GoJson.StringMap(o, "stringData", secret.StringData);
        GoJson.String(o, "type", secret.Type);
    }

    /// <summary>A ServiceAccount: the reference lists when not empty, <c>automountServiceAccountToken</c> when set.</summary>
    public static void ServiceAccount(JsonObject o, ServiceAccount account)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(account.Metadata);
        GoJson.Objects(o, "secrets", account.Secrets, ObjectReference);
        GoJson.Objects(o, "imagePullSecrets", account.ImagePullSecrets, reference =>
        {
            var r = new JsonObject();
            GoJson.String(r, "name", reference.Name);
            return r;
        });
        GoJson.OptionalBool(o, "automountServiceAccountToken", account.HasAutomountServiceAccountToken, account.AutomountServiceAccountToken);
    }

    private static JsonObject ObjectReference(ObjectReference reference)
    {
        var r = new JsonObject();
        GoJson.String(r, "kind", reference.Kind);
        GoJson.String(r, "namespace", reference.Namespace);
        GoJson.String(r, "name", reference.Name);
        GoJson.String(r, "uid", reference.Uid);
        GoJson.String(r, "apiVersion", reference.ApiVersion);
        GoJson.String(r, "resourceVersion", reference.ResourceVersion);
        GoJson.String(r, "fieldPath", reference.FieldPath);
        return r;
    }
}
