using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching.ManagedFields;

/// <summary>Helpers for the field manager tests.</summary>
internal static class Managed
{
    public static readonly PatchSchema Service = PatchSchema.ForKind("Service");
    public static readonly DateTime T1 = new(2026, 1, 2, 15, 4, 5, DateTimeKind.Utc);
    public static readonly DateTime T2 = T1.AddMinutes(1);
    public static readonly DateTime T3 = T1.AddMinutes(2);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>The Service manifest of the kubectl tests, with the given port, selector and extra labels.</summary>
    public static JsonObject Web(int port = 80, string app = "web", string labels = "") => Obj(
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web" """ + labels + "}}," +
        $$$"""
         "spec":{"clusterIP":"10.96.0.50","selector":{"app":"{{{app}}}"},"ports":[{"port":{{{port}}},"targetPort":8080}]}}
        """);

    /// <summary>What the apiserver stores after defaulting and allocation (fields nobody owns).</summary>
    public static JsonObject Stored(JsonObject written)
    {
        var obj = (JsonObject)written.DeepClone();
        var meta = (JsonObject)obj["metadata"]!;
        meta["namespace"] = "default";
        meta["uid"] = "8b9d6c4e-0000-4000-8000-000000000001";
        meta["resourceVersion"] = "42";
        meta["creationTimestamp"] = "2026-01-02T15:04:05Z";
        var spec = (JsonObject)obj["spec"]!;
        foreach (var port in (JsonArray)spec["ports"]!)
        {
            port!["protocol"] ??= "TCP";
        }

        spec["clusterIPs"] ??= new JsonArray("10.96.0.50");
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        return obj;
    }

    /// <summary>kubectl create's object after decoding and defaulting, as the field manager sees it.</summary>
    public static JsonObject Created(JsonObject manifest)
    {
        var obj = (JsonObject)manifest.DeepClone();
        var spec = (JsonObject)obj["spec"]!;
        foreach (var port in (JsonArray)spec["ports"]!)
        {
            port!["protocol"] ??= "TCP";
        }

        spec["type"] = "ClusterIP";
        spec["sessionAffinity"] = "None";
        spec["internalTrafficPolicy"] = "Cluster";
        return obj;
    }

    public static JsonArray Entries(JsonObject obj) => (JsonArray)obj["metadata"]!["managedFields"]!;

    public static JsonObject Entry(JsonObject obj, string manager, string operation = "Apply") =>
        (JsonObject)Entries(obj).Single(e => (string?)e!["manager"] == manager && (string?)e["operation"] == operation)!;

    public static bool Has(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]?["managedFields"] is JsonArray entries
        && entries.Any(e => (string?)e!["manager"] == manager && (string?)e["operation"] == operation);

    /// <summary>The fieldsV1 of an entry as compact JSON with quotes escaped as \" (as Go writes them).</summary>
    public static string Fields(JsonObject obj, string manager, string operation = "Apply") =>
        Entry(obj, manager, operation)["fieldsV1"]!.ToJsonString(Relaxed);

    public static string Text(JsonNode? node) => node!.ToJsonString(Relaxed);
}
