using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// How server-side apply by the manager <c>kubectl</c> deals with client-side apply's
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation (apimachinery
/// <c>lastappliedmanager.go</c> and <c>lastappliedupdater.go</c>).
/// </summary>
internal static class LastAppliedConfiguration
{
    public const string Annotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The manager whose applies take the annotation into account; other names opt out.</summary>
    public const string KubectlManager = "kubectl";

    private const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>
    /// The fields client-side apply can be taken to own: those of the annotation's configuration whose value
    /// the live object still has. Null when there is no usable annotation (missing, not JSON, other version).
    /// </summary>
    public static FieldSet? OwnedFields(JsonObject live, string apiVersion, PatchSchemaNode root)
    {
        if (AnnotationOf(live) is not { Length: > 0 } text)
        {
            return null;
        }

        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text, documentOptions: JsonDepth.DocumentOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (lastApplied is null || StringOf(lastApplied["apiVersion"]) != apiVersion)
        {
            return null;
        }

        var comparison = ObjectComparison.Between(lastApplied, live, root);
        return ObjectFields.Of(lastApplied, root)
            .Difference(comparison.Modified)
            .Difference(comparison.Added)
            .Difference(comparison.Removed);
    }

    /// <summary>
    /// lastAppliedUpdater: when kubectl applies server-side to an object that carries the annotation, the
    /// annotation becomes the applied configuration (without the annotation) as Go's JSON encoder writes it,
    /// newline included; it is dropped instead if it would push the annotations over 256 KiB.
    /// </summary>
    public static void Sync(JsonObject result, JsonObject applied)
    {
        if (AnnotationOf(result) is not { Length: > 0 })
        {
            return;
        }

        var config = (JsonObject)applied.DeepClone();
        ((config["metadata"] as JsonObject)?["annotations"] as JsonObject)?.Remove(Annotation);
        var annotations = (JsonObject)result["metadata"]!["annotations"]!;
        annotations[Annotation] = GoJsonText.Encode(config) + "\n";
        var size = annotations.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(StringOf(p.Value) ?? ""));
        if (size > TotalAnnotationSizeLimit)
        {
            annotations.Remove(Annotation);
        }
    }

    private static string? AnnotationOf(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["annotations"] is JsonObject annotations ? StringOf(annotations[Annotation]) : null;

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
