using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// Writes the authentication.k8s.io/v1 replies as Go's encoder writes the API structs: struct members (<c>metadata</c>,
/// <c>spec</c>, <c>status</c>, <c>user</c>) always, <c>omitempty</c> members only when set, and the members of
/// <c>TokenRequestSpec</c>, which have no <c>omitempty</c>, even when null.
/// </summary>
internal static class AuthenticationJson
{
    /// <summary>
    /// <c>metadata</c> of a reply built from the request: name and namespace when set, and the creation timestamp (Go's
    /// zero time, <c>null</c>, unless the endpoint stamps it).
    /// </summary>
    public static void Metadata(Utf8JsonWriter w, V1ObjectMeta? meta, DateTimeOffset? created)
    {
        w.WriteStartObject("metadata");
        WriteIfSet(w, "name", meta?.Name);
        WriteIfSet(w, "generateName", meta?.GenerateName);
        WriteIfSet(w, "namespace", meta?.NamespaceProperty);
        if (created is { } time)
        {
            w.WriteString("creationTimestamp", Time(time));
        }
        else
        {
            w.WriteNull("creationTimestamp");
        }
        StringMap(w, "labels", meta?.Labels);
        StringMap(w, "annotations", meta?.Annotations);
        w.WriteEndObject();
    }

    /// <summary>A <c>UserInfo</c>: every member <c>omitempty</c>, extra keys sorted.</summary>
    public static void User(Utf8JsonWriter w, string name, UserInfo? user)
    {
        w.WriteStartObject(name);
        if (user is not null)
        {
            WriteIfSet(w, "username", user.Name);
            WriteIfSet(w, "uid", user.Uid);
            Strings(w, "groups", user.Groups);
            if (user.Extra.Count > 0)
            {
                w.WriteStartObject("extra");
                foreach (var (key, values) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    w.WriteStartArray(key);
                    foreach (var value in values)
                    {
                        w.WriteStringValue(value);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>A <c>[]string</c> with <c>omitempty</c>.</summary>
    public static void Strings(Utf8JsonWriter w, string name, IReadOnlyCollection<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }

    /// <summary>A <c>metav1.Time</c>: RFC 3339 in UTC, whole seconds.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void StringMap(Utf8JsonWriter w, string name, IDictionary<string, string>? map)
    {
        if (map is not { Count: > 0 })
        {
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    }
}
