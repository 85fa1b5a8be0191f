using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// <c>metadata.managedFields</c> to and from <see cref="ManagedFieldSets"/> (apimachinery
/// <c>DecodeManagedFields</c>/<c>encodeManagedFields</c>).
/// </summary>
internal static class ManagedFieldsCodec
{
    private const string FieldsType = "FieldsV1";

    /// <summary>Decodes the entries; a later entry with the same manager identity replaces an earlier one.</summary>
    /// <exception cref="FormatException">An entry the apiserver would not decode, with its message.</exception>
    public static ManagedFieldSets Decode(JsonNode? managedFields)
    {
        var result = new ManagedFieldSets();
        if (managedFields is null)
        {
            return result;
        }

        var entries = managedFields as JsonArray ?? throw new FormatException("managedFields must be a list");
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject ?? throw new FormatException($"managed fields entry {i} is not an object");
            var operation = Text(entry, "operation");
            if (operation is not (ManagerId.ApplyOperation or ManagerId.UpdateOperation))
            {
                throw new FormatException("operation must be `Apply` or `Update`");
            }

            var apiVersion = Text(entry, "apiVersion");
            if (apiVersion.Length == 0)
            {
                throw new FormatException("apiVersion must not be empty");
            }

            switch (Text(entry, "fieldsType"))
            {
                case FieldsType:
                    break;
                case "":
                    throw new FormatException($"missing fieldsType in managed fields entry {i}");
                case var other:
                    throw new FormatException($"invalid fieldsType {FieldError.Quote(other)} in managed fields entry {i}");
            }

            var applied = operation == ManagerId.ApplyOperation;
            var id = new ManagerId(Text(entry, "manager"), applied, applied ? "" : apiVersion, Text(entry, "subresource"));
            result.Fields[id] = new OwnedFields(FieldSet.FromFieldsV1(entry["fieldsV1"]), apiVersion);
            result.Times.Remove(id);
            if (Time(entry) is { } time)
            {
                result.Times[id] = time;
            }
        }

        return result;
    }

    /// <summary>
    /// The entries in the apiserver's order: appliers before updaters, then by time (whole seconds, none
    /// first), manager, API version and subresource; null when there are none.
    /// </summary>
    public static JsonArray? Encode(ManagedFieldSets managed)
    {
        if (managed.IsEmpty)
        {
            return null;
        }

        var ordered = managed.Fields
            .Select(p => (Id: p.Key, Owned: p.Value, Time: managed.Times.TryGetValue(p.Key, out var t) ? t : (DateTime?)null))
            .OrderBy(e => e.Id.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time is { } t ? new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds() : 0)
            .ThenBy(e => e.Id.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.Owned.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Id.Subresource, StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var (id, owned, time) in ordered)
        {
            var entry = new JsonObject();
            if (id.Manager.Length > 0)
            {
                entry["manager"] = id.Manager;
            }

            entry["operation"] = id.Operation;
            entry["apiVersion"] = owned.ApiVersion;
            if (time is { } t)
            {
                entry["time"] = FormatTime(t);
            }

            entry["fieldsType"] = FieldsType;
            entry["fieldsV1"] = owned.Set.ToFieldsV1();
            if (id.Subresource.Length > 0)
            {
                entry["subresource"] = id.Subresource;
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>metav1.Time as JSON: RFC 3339 in UTC, whole seconds.</summary>
    public static string FormatTime(DateTime time) =>
        DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time truncated to whole seconds in UTC, as metav1.Time keeps it.</summary>
    public static DateTime WholeSeconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static string Text(JsonObject entry, string name) =>
        entry[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static DateTime? Time(JsonObject entry) =>
        DateTimeOffset.TryParse(Text(entry, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? WholeSeconds(time.UtcDateTime)
            : null;
}
