using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Parses text that <see cref="GoJsonSyntax"/> accepted into a node tree with Go's decoding rules: a repeated
/// object key keeps the last value and invalid UTF-8 inside strings becomes U+FFFD instead of failing. The
/// syntax check bounds the nesting (<see cref="ApiLimits.MaxJsonDepth"/>), and with it this parser's recursion.
/// </summary>
internal static class JsonBody
{
    public static JsonNode? Parse(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data, JsonDepth.ReaderOptions);
        reader.Read();
        return ReadValue(ref reader);
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = ReadString(ref reader);
                    reader.Read();
                    obj[key] = ReadValue(ref reader);
                }

                return obj;
            case JsonTokenType.StartArray:
                var arr = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    arr.Add(ReadValue(ref reader));
                }

                return arr;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            case JsonTokenType.Number:
                // Keep the number's own text (80 stays 80, 1.0 stays 1.0): Go distinguishes int64 from float64.
                using (var doc = JsonDocument.Parse(reader.ValueSpan.ToArray()))
                {
                    return JsonValue.Create(doc.RootElement.Clone());
                }

            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8: Go substitutes U+FFFD, as does a lenient UTF-8 decode of the raw bytes.
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
