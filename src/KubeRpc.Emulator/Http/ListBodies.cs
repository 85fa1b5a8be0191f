using System.Globalization;
using System.Text.Json;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Http;

/// <summary>Writes <c>ServiceList</c>-style bodies straight from the stored JSON of each item.</summary>
internal static class ListBodies
{
    public static byte[] List(ResourceType type, ListPage page) =>
        List(type, page.Items.Select(i => i.Json), page.ResourceVersion, page.Continue, page.RemainingItemCount);

    public static byte[] List(ResourceType type, IEnumerable<byte[]> items, long resourceVersion, string? continueToken = null, long? remaining = null) =>
        JsonBodies.Write(w =>
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
        });

    public static void WriteListMeta(Utf8JsonWriter w, long resourceVersion, string? continueToken, long? remaining)
    {
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
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
