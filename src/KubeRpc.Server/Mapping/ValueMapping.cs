using System.Globalization;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using K8sIntOrString = k8s.Models.IntOrString;
using ProtoIntOrString = KubeRpc.V1.IntOrString;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// Scalar, collection, time and IntOrString conversions shared by the message mappings. Towards Kubernetes
/// a proto default (empty string, zero, empty list or map) becomes null, the Kubernetes omitempty form;
/// towards proto a null becomes the proto default, because protobuf setters reject null.
/// </summary>
internal static class ValueMapping
{
    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    public static int? NullIfZero(int value) => value == 0 ? null : value;

    public static long? NullIfZero(long value) => value == 0 ? null : value;

    public static bool? NullIfFalse(bool value) => value ? true : null;

    /// <summary>A proto repeated field as a Kubernetes list, null when empty.</summary>
    public static List<TTarget>? ListOrNull<TSource, TTarget>(RepeatedField<TSource> source, Func<TSource, int, TTarget> map)
    {
        if (source.Count == 0)
        {
            return null;
        }
        var list = new List<TTarget>(source.Count);
        for (var i = 0; i < source.Count; i++)
        {
            list.Add(map(source[i], i));
        }
        return list;
    }

    public static List<string>? ListOrNull(RepeatedField<string> source) => ListOrNull(source, static (s, _) => s);

    /// <summary>A proto map as a Kubernetes dictionary, null when empty.</summary>
    public static Dictionary<string, string>? MapOrNull(MapField<string, string> source) =>
        source.Count == 0 ? null : new Dictionary<string, string>(source, StringComparer.Ordinal);

    /// <summary>Appends a Kubernetes list to a proto repeated field; a null element becomes the default.</summary>
    public static void AddAll<TSource, TTarget>(RepeatedField<TTarget> target, IEnumerable<TSource>? source, Func<TSource, TTarget> map)
    {
        if (source is null)
        {
            return;
        }
        foreach (var item in source)
        {
            target.Add(map(item));
        }
    }

    public static void AddAll(RepeatedField<string> target, IEnumerable<string>? source) =>
        AddAll(target, source, static s => s ?? "");

    public static void AddAll(MapField<string, string> target, IDictionary<string, string>? source)
    {
        if (source is null)
        {
            return;
        }
        foreach (var (key, value) in source)
        {
            target[key ?? ""] = value ?? "";
        }
    }

    /// <summary>A proto timestamp as a UTC <see cref="DateTime"/> (100 ns precision), null when unset.</summary>
    public static DateTime? ToDateTime(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        try
        {
            return value.ToDateTime();
        }
        catch (InvalidOperationException e)
        {
            throw new MappingException(field, $"Invalid value: \"{value}\": not a valid timestamp", e);
        }
    }

    /// <summary>
    /// A Kubernetes time as a proto timestamp, null when unset. KubernetesClient reads times as UTC; a
    /// time built in code without a kind is taken as UTC too, as Kubernetes times always are.
    /// </summary>
    public static Timestamp? ToTimestamp(DateTime? value) => value is not { } time ? null : time.Kind switch
    {
        DateTimeKind.Utc => Timestamp.FromDateTime(time),
        DateTimeKind.Local => Timestamp.FromDateTime(time.ToUniversalTime()),
        _ => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };

    /// <summary>
    /// The proto oneof as KubernetesClient's IntOrString; unset (or no case set) is null. A numeric
    /// string_value ("8080") goes on the wire as a number, as KubernetesClient cannot write it otherwise;
    /// Kubernetes rejects numeric port names anyway.
    /// </summary>
    public static K8sIntOrString? ToKubernetes(ProtoIntOrString? value) => value?.ValueCase switch
    {
        ProtoIntOrString.ValueOneofCase.IntValue => value.IntValue,
        ProtoIntOrString.ValueOneofCase.StringValue => value.StringValue,
        _ => null,
    };

    /// <summary>
    /// KubernetesClient's IntOrString holds a string and writes a numeric one as a JSON number, so a
    /// numeric string is the int form; one outside int32 stays a string rather than being truncated.
    /// </summary>
    public static ProtoIntOrString? ToProto(K8sIntOrString? value)
    {
        if (value?.Value is not { } text)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? new ProtoIntOrString { IntValue = number }
            : new ProtoIntOrString { StringValue = text };
    }
}
