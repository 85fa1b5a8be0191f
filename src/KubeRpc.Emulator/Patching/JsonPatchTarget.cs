using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Text;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// The document a JSON patch works on, with evanphx/json-patch v4's container rules: a path is split on '/',
/// every token but the last must lead to an object or array, and the last is the key in that container.
/// Each operation returns false where the library returns an error.
/// </summary>
/// <remarks>
/// Two bounds guard the document: the bytes <c>copy</c> adds, as the library's <c>AccumulatedCopySizeLimit</c>
/// counts them (<see cref="ApiLimits.JsonPatchMaxCopyBytes"/>), and, the emulator's own, the nesting depth
/// (<see cref="ApiLimits.MaxJsonDepth"/>): an operation that would put a value deeper fails. The depth is judged
/// from the value's own height (<see cref="NodeHeights"/>) and how deep the path puts it, never by walking the
/// whole document.
/// </remarks>
internal sealed class JsonPatchTarget(JsonNode root)
{
    private readonly NodeHeights _heights = new();
    private long _copiedBytes;

    public JsonNode Root { get; private set; } = root;

    /// <summary>Why the last operation failed, when that is more than the operation itself.</summary>
    public string? FailureDetail { get; private set; }

    public bool Add(string? path, JsonNode? value)
    {
        var (container, key) = Find(path);
        return container is not null && Fits(path!, value) && Insert(container, key, value);
    }

    public bool Remove(string? path)
    {
        var (container, key) = Find(path);
        return container is not null && Delete(container, key);
    }

    public bool Replace(string? path, JsonNode? value)
    {
        if (path == "")
        {
            // Only an object or array replaces the root; for a scalar the library wraps a nil error and
            // so reports success without changing anything.
            if (value is JsonObject or JsonArray)
            {
                if (!Fits(path, value))
                {
                    return false;
                }

                Root = value;
            }

            return true;
        }

        var (container, key) = Find(path);
        if (container is null || !TryGet(container, key, out _) || !Fits(path!, value))
        {
            return false;
        }

        if (container is JsonObject obj)
        {
            obj[key] = value;
        }
        else
        {
            var arr = (JsonArray)container;
            arr[(int)Normalize(ParseIndex(key)!.Value, arr.Count)] = value;
        }

        _heights.Inserted(container, value);
        return true;
    }

    public bool Move(string? from, string? path)
    {
        var (source, sourceKey) = Find(from);
        if (source is null || !TryGet(source, sourceKey, out var value) || path is null)
        {
            return false;
        }

        if (!Fits(path, value) || !Delete(source, sourceKey))
        {
            return false;
        }

        var (container, key) = Find(path);
        return container is not null && Insert(container, key, value);
    }

    public bool Copy(string? from, string? path)
    {
        var (source, sourceKey) = Find(from);
        if (source is null || !TryGet(source, sourceKey, out var value) || path is null)
        {
            return false;
        }

        var (container, key) = Find(path);
        return container is not null && Fits(path, value) && WithinCopyLimit(value) && Insert(container, key, value?.DeepClone());
    }

    public bool Test(string? path, bool hasValue, JsonNode? expected)
    {
        if (path == "")
        {
            return hasValue && Same(Root, expected);
        }

        var (container, key) = Find(path);
        if (container is null || !TryGet(container, key, out var actual))
        {
            return false;
        }

        // A missing member and a JSON null both match an explicit null value.
        return actual is null ? hasValue && expected is null : hasValue && Same(actual, expected);
    }

    /// <summary>
    /// Whether <paramref name="value"/> placed at <paramref name="path"/> stays within the nesting limit: the
    /// path's tokens are the containers above it (the root included).
    /// </summary>
    private bool Fits(string path, JsonNode? value)
    {
        if (Levels(path) + _heights.Of(value) <= ApiLimits.MaxJsonDepth)
        {
            return true;
        }

        var shown = Excerpt.Of(path, ApiLimits.MaxQuotedLength, ExcerptMarker.Ellipsis);
        FailureDetail = $"the value at {shown} would be nested deeper than {ApiLimits.MaxJsonDepth} levels";
        return false;
    }

    /// <summary>The library's <c>AccumulatedCopySizeLimit</c>: a copy counts the length of the value's JSON encoding.</summary>
    private bool WithinCopyLimit(JsonNode? value)
    {
        if (value is null)
        {
            return true; // a missing member copies nothing
        }

        _copiedBytes += Encoding.UTF8.GetByteCount(GoJsonText.Encode(value));
        if (_copiedBytes <= ApiLimits.JsonPatchMaxCopyBytes)
        {
            return true;
        }

        FailureDetail = "Unable to complete the copy, the accumulated size increase of copy is " +
            $"{_copiedBytes}, exceeding the limit {ApiLimits.JsonPatchMaxCopyBytes}";
        return false;
    }

    /// <summary>How many containers lie above the value a path names: one per token.</summary>
    private static int Levels(string path) => path.AsSpan().Count('/');

    private (JsonNode? Container, string Key) Find(string? path)
    {
        var tokens = path?.Split('/');
        if (tokens is null || tokens.Length < 2)
        {
            return (null, "");
        }

        JsonNode current = Root;
        for (var i = 1; i < tokens.Length - 1; i++)
        {
            if (!TryGet(current, Unescape(tokens[i]), out var next) || next is not (JsonObject or JsonArray))
            {
                return (null, "");
            }

            current = next;
        }

        return (current, Unescape(tokens[^1]));
    }

    private static bool TryGet(JsonNode container, string key, out JsonNode? value)
    {
        value = null;
        if (container is JsonObject obj)
        {
            // A missing member reads as nil without error.
            value = obj[key];
            return true;
        }

        var arr = (JsonArray)container;
        if (ParseIndex(key) is not { } index || index < -arr.Count || Normalize(index, arr.Count) >= arr.Count)
        {
            return false;
        }

        value = arr[(int)Normalize(index, arr.Count)];
        return true;
    }

    private bool Insert(JsonNode container, string key, JsonNode? value)
    {
        value = value?.Parent is null ? value : value.DeepClone();
        if (container is JsonObject obj)
        {
            obj[key] = value;
        }
        else if (key == "-")
        {
            ((JsonArray)container).Add(value);
        }
        else
        {
            var arr = (JsonArray)container;
            var size = arr.Count + 1;
            if (ParseIndex(key) is not { } index || index >= size || index < -size)
            {
                return false;
            }

            arr.Insert((int)Normalize(index, size), value);
        }

        _heights.Inserted(container, value);
        return true;
    }

    private static bool Delete(JsonNode container, string key)
    {
        if (container is JsonObject obj)
        {
            return obj.Remove(key);
        }

        var arr = (JsonArray)container;
        if (ParseIndex(key) is not { } index || index >= arr.Count || index < -arr.Count)
        {
            return false;
        }

        arr.RemoveAt((int)Normalize(index, arr.Count));
        return true;
    }

    /// <summary>strconv.Atoi: optional sign and decimal digits (leading zeros allowed).</summary>
    private static long? ParseIndex(string key) =>
        key.Length > 0 && key.TrimStart('+', '-').Length > 0 && key.TrimStart('+', '-').All(char.IsAsciiDigit)
        && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static long Normalize(long index, int count) => index < 0 ? index + count : index;

    private static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>lazyNode.equal: containers structurally, scalars by their JSON text (so 1 and 1.0 differ).</summary>
    private static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count
            && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Select((n, i) => Same(n, y[i])).All(s => s),
        (JsonValue x, JsonValue y) => x.GetValueKind() == JsonValueKind.String && y.GetValueKind() == JsonValueKind.String
            ? x.GetValue<string>() == y.GetValue<string>()
            : x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };
}
