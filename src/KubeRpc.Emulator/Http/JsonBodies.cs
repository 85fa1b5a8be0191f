using System.Text.Encodings.Web;
using System.Text.Json;

namespace KubeRpc.Emulator.Http;

/// <summary>Small helpers to write compact JSON bodies the way Go's encoder does (no HTML-escaping of quotes).</summary>
internal static class JsonBodies
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the raw <c>metadata</c> member of a stored object's JSON.</summary>
    public static void WriteMetadataOf(Utf8JsonWriter w, byte[] objectJson)
    {
        using var doc = JsonDocument.Parse(objectJson);
        if (doc.RootElement.TryGetProperty("metadata", out var meta))
        {
            meta.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
    }
}
