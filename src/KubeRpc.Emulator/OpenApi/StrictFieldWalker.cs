using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Walks a JSON body along a <see cref="ModelShape"/> and records what apimachinery's strict decoder
/// (sigs.k8s.io/json <c>UnmarshalStrict</c>) records: <c>unknown field "path"</c> for a key that no field has
/// (case-sensitive; its value is skipped, so nothing inside it is reported) and <c>duplicate field "path"</c> for a
/// key seen twice in one object or map. Paths are built like the decoder's field stack: keys joined with
/// <c>.</c>, list indexes as <c>[i]</c> (<c>spec.ports[0].foo</c>), map keys as keys (<c>metadata.labels.app</c>).
/// Errors are kept in document order, de-duplicated, and capped at 100 as the decoder does.
/// Values with their own unmarshaller (IntOrString, Time, FieldsV1) and values of the wrong JSON type are not
/// looked into: a type mismatch is a decode error, not a strict one. A null shape stands for Go's
/// <c>interface{}</c>: any key is allowed, duplicates are still reported.
/// </summary>
internal sealed class StrictFieldWalker
{
    private const int MaxErrors = 100;
    private readonly List<string> errors = [];
    private readonly HashSet<string> seenErrors = new(StringComparer.Ordinal);
    private readonly List<string> stack = [];

    public IReadOnlyList<string> Errors => errors;

    public void Walk(ref Utf8JsonReader reader, ModelShape? shape)
    {
        var kind = shape?.Kind;
        if (reader.TokenType == JsonTokenType.StartObject && kind is null or ModelShapeKind.Map)
        {
            WalkMap(ref reader, shape?.Element);
        }
        else if (reader.TokenType == JsonTokenType.StartObject && kind == ModelShapeKind.Object)
        {
            WalkObject(ref reader, shape!);
        }
        else if (reader.TokenType == JsonTokenType.StartArray && kind is null or ModelShapeKind.Array)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                PushIndex(index++);
                Walk(ref reader, shape?.Element);
                Pop();
            }
        }
        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            // A custom-unmarshalled value or a type mismatch: the strict decoder reports nothing inside it.
            reader.Skip();
        }
    }

    public void Walk(JsonNode? node, ModelShape shape)
    {
        switch (node)
        {
            case JsonObject obj when shape.Kind == ModelShapeKind.Object:
                foreach (var (key, value) in obj)
                {
                    if (shape.TryGetProperty(key, out var property))
                    {
                        Push(key);
                        Walk(value, property.Shape);
                        Pop();
                    }
                    else
                    {
                        Report("unknown field", key);
                    }
                }
                break;
            case JsonObject map when shape.Kind == ModelShapeKind.Map:
                foreach (var (key, value) in map)
                {
                    Push(key);
                    Walk(value, shape.Element!);
                    Pop();
                }
                break;
            case JsonArray array when shape.Kind == ModelShapeKind.Array:
                for (var i = 0; i < array.Count; i++)
                {
                    PushIndex(i);
                    Walk(array[i], shape.Element!);
                    Pop();
                }
                break;
        }
    }

    private void WalkObject(ref Utf8JsonReader reader, ModelShape shape)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!shape.TryGetProperty(key, out var property))
            {
                Report("unknown field", key);
                reader.Skip();
                continue;
            }
            if (!seen.Add(key))
            {
                Report("duplicate field", key);
            }
            Push(key);
            Walk(ref reader, property.Shape);
            Pop();
        }
    }

    private void WalkMap(ref Utf8JsonReader reader, ModelShape? element)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!seen.Add(key))
            {
                Report("duplicate field", key);
            }
            Push(key);
            Walk(ref reader, element);
            Pop();
        }
    }

    private void Report(string type, string field)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }
        var path = stack.Count == 0 ? field : string.Concat(stack) + "." + field;
        var message = type + " " + FieldError.Quote(path);
        if (seenErrors.Add(message))
        {
            errors.Add(message);
        }
    }

    private void Push(string key) => stack.Add(stack.Count == 0 ? key : "." + key);

    private void PushIndex(int index) => stack.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    private void Pop() => stack.RemoveAt(stack.Count - 1);

    /// <summary>Joins errors the way <c>runtime.NewStrictDecodingError</c> prints them.</summary>
    public static string Join(IEnumerable<string> errors) => new StringBuilder("strict decoding error: ").AppendJoin(", ", errors).ToString();
}
