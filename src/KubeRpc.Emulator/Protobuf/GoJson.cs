using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Collections;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// Writes JSON members the way Go's <c>encoding/json</c> writes the Kubernetes structs, so a decoded
/// protobuf body equals the JSON kubectl would have sent.
/// </summary>
/// <remarks>
/// The Go rules that matter: <c>omitempty</c> drops "", 0, false, nil and empty slices and maps but never a
/// struct (so <c>spec</c>, <c>status</c> and <c>creationTimestamp</c> always appear); a pointer field is written
/// whenever it is set, even to "" or 0, which is what proto2 presence (<c>HasX</c>) tells us; a nil slice or
/// pointer without <c>omitempty</c> is written as <c>null</c>; map keys come out sorted.
/// </remarks>
internal static class GoJson
{
    /// <summary>Seconds of Go's zero <c>time.Time</c> (0001-01-01T00:00:00Z) since the Unix epoch.</summary>
    private const long GoZeroTimeUnixSeconds = -62135596800;

    /// <summary>A string field with <c>omitempty</c>.</summary>
    public static void String(JsonObject o, string name, string value)
    {
        if (value.Length > 0)
        {
            o[name] = value;
        }
    }

    /// <summary>A <c>*string</c> field: written when present, even if empty.</summary>
    public static void OptionalString(JsonObject o, string name, bool present, string value)
    {
        if (present)
        {
            o[name] = value;
        }
    }

    /// <summary>An integer field with <c>omitempty</c>.</summary>
    public static void Number(JsonObject o, string name, long value)
    {
        if (value != 0)
        {
            o[name] = value;
        }
    }

    /// <summary>A <c>*int32</c>/<c>*int64</c> field: written when present, even if 0.</summary>
    public static void OptionalNumber(JsonObject o, string name, bool present, long value)
    {
        if (present)
        {
            o[name] = value;
        }
    }

    /// <summary>A bool field with <c>omitempty</c>.</summary>
    public static void Bool(JsonObject o, string name, bool value)
    {
        if (value)
        {
            o[name] = true;
        }
    }

    /// <summary>A <c>*bool</c> field: written when present, even if false.</summary>
    public static void OptionalBool(JsonObject o, string name, bool present, bool value)
    {
        if (present)
        {
            o[name] = value;
        }
    }

    /// <summary>A <c>[]string</c> field with <c>omitempty</c>.</summary>
    public static void Strings(JsonObject o, string name, RepeatedField<string> values)
    {
        if (values.Count > 0)
        {
            o[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
    }

    /// <summary>A slice of structs with <c>omitempty</c>.</summary>
    public static void Objects<T>(JsonObject o, string name, RepeatedField<T> items, Func<T, JsonObject> write)
    {
        if (items.Count > 0)
        {
            o[name] = new JsonArray(items.Select(i => (JsonNode?)write(i)).ToArray());
        }
    }

    /// <summary>A <c>map[string]string</c> with <c>omitempty</c>; Go sorts the keys.</summary>
    public static void StringMap(JsonObject o, string name, MapField<string, string> map)
    {
        if (map.Count > 0)
        {
            var result = new JsonObject();
            foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                result[key] = value;
            }

            o[name] = result;
        }
    }

    /// <summary>A <c>map[string][]byte</c> with <c>omitempty</c>: values base64 (standard, padded), keys sorted.</summary>
    public static void BytesMap(JsonObject o, string name, MapField<string, ByteString> map)
    {
        if (map.Count > 0)
        {
            var result = new JsonObject();
            foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                result[key] = value.ToBase64();
            }

            o[name] = result;
        }
    }

    /// <summary>
    /// A <c>metav1.Time</c>: RFC 3339 in UTC with whole seconds, or <c>null</c> for Go's zero time. An absent or
    /// empty message is the zero time (Go marshals the zero time as an empty message).
    /// </summary>
    public static JsonNode? Time(Time? time)
    {
        if (time is null || (!time.HasSeconds && !time.HasNanos))
        {
            return null;
        }

        // time.Unix normalises nanos outside [0, 1e9) into the seconds; JSON then drops the fraction.
        var seconds = time.Seconds + (long)Math.Floor(time.Nanos / 1e9);
        if (seconds == GoZeroTimeUnixSeconds && time.Nanos == 0)
        {
            return null;
        }

        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw ApiException.BadRequest("Time.MarshalJSON: year outside of range [0,9999]");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>An <c>intstr.IntOrString</c>: the number or the string it holds; absent is the int 0.</summary>
    public static JsonNode IntOrString(IntOrString? value) => (value?.Type ?? 0) switch
    {
        0 => JsonValue.Create(value?.IntVal ?? 0),
        1 => JsonValue.Create(value!.StrVal),
        _ => throw ApiException.BadRequest("impossible IntOrString.Type"),
    };
}
