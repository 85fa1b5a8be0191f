using System.Buffers;
using System.Text.Json;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery;

namespace KubeRpc.Emulator.Http;

/// <summary>Writes <c>ServiceList</c>-style bodies straight from the stored JSON of each item.</summary>
internal static class ListBodies
{
    /// <summary>
    /// Room beyond the items and the continue token: kind, apiVersion, the rest of the list metadata, and the
    /// 4 KiB that Utf8JsonWriter asks of its buffer whenever it runs short.
    /// </summary>
    private const int Slack = 4096 + 256;

    public static ReadOnlyMemory<byte> List(ResourceType type, ListPage page) =>
        List(type, page.Items.Select(i => i.Json), page.ResourceVersion, page.Continue, page.RemainingItemCount,
            Slack + (page.Continue?.Length ?? 0) + page.Items.Sum(i => i.Json.Length + 1));

    public static ReadOnlyMemory<byte> List(ResourceType type, IEnumerable<byte[]> items, long resourceVersion, string? continueToken = null,
        long? remaining = null, int sizeHint = 1024)
    {
        // Sized up front and handed out without a copy: a page of 500 Services is about half a megabyte, and
        // growing a buffer by doubling and copying it out made each page several large-object allocations.
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var w = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", type.ListKind);
            w.WriteString("apiVersion", type.ApiVersion);
            WriteListMeta(w, resourceVersion, continueToken, remaining);
            w.WriteStartArray("items");
            foreach (var item in items)
            {
                w.WriteRawValue(item, skipInputValidation: true);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    public static void WriteListMeta(Utf8JsonWriter w, long resourceVersion, string? continueToken, long? remaining)
    {
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", ResourceVersions.Format(resourceVersion));
        if (!string.IsNullOrEmpty(continueToken))
        {
            w.WriteString("continue", continueToken);
        }
        if (remaining is { } count)
        {
            w.WriteNumber("remainingItemCount", count);
        }
        w.WriteEndObject();
    }
}
