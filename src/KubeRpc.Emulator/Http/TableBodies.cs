using System.Text.Json;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// meta.k8s.io/v1 Table bodies for kubectl get: the printer's columns, one row per object, each row with
/// the object as PartialObjectMetadata (default), the full object, or none (<c>includeObject</c>).
/// </summary>
internal static class TableBodies
{
    public const string ContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static byte[] Table(ResourceType type, IReadOnlyList<StoredObject> items, long? resourceVersion, string? continueToken,
        long? remaining, string? includeObject, DateTime now, bool withColumns = true) =>
        JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "Table");
            w.WriteString("apiVersion", "meta.k8s.io/v1");
            if (resourceVersion is { } rv)
            {
                ListBodies.WriteListMeta(w, rv, continueToken, remaining);
            }
            else
            {
                w.WriteStartObject("metadata");
                w.WriteEndObject();
            }
            w.WriteStartArray("columnDefinitions");
            if (withColumns)
            {
                foreach (var c in type.Printer.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteString("type", c.Type);
                    w.WriteString("format", c.Format);
                    w.WriteString("description", c.Description);
                    w.WriteNumber("priority", c.Priority);
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var item in items)
            {
                WriteRow(w, type, item, includeObject, now);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] Table(ResourceType type, ListPage page, string? includeObject, DateTime now) =>
        Table(type, page.Items, page.ResourceVersion, page.Continue, page.RemainingItemCount, includeObject, now);

    private static void WriteRow(Utf8JsonWriter w, ResourceType type, StoredObject item, string? includeObject, DateTime now)
    {
        w.WriteStartObject();
        w.WriteStartArray("cells");
        foreach (var cell in type.Printer.Cells(item.Model, now))
        {
            switch (cell)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(s); break;
                case long l: w.WriteNumberValue(l); break;
                case int i: w.WriteNumberValue(i); break;
                case bool b: w.WriteBooleanValue(b); break;
                default: w.WriteStringValue(cell.ToString()); break;
            }
        }
        w.WriteEndArray();
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                w.WritePropertyName("object");
                w.WriteRawValue(item.Json, skipInputValidation: true);
                break;
            default:
                w.WriteStartObject("object");
                w.WriteString("kind", "PartialObjectMetadata");
                w.WriteString("apiVersion", "meta.k8s.io/v1");
                w.WritePropertyName("metadata");
                JsonBodies.WriteMetadataOf(w, item.Json);
                w.WriteEndObject();
                break;
        }
        w.WriteEndObject();
    }
}
