using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// One proto enum and the Kubernetes strings of its values. Value 0 (<c>_UNSPECIFIED</c>) is the absent
/// Kubernetes field. Towards Kubernetes a number the enum does not define is rejected; towards proto a
/// string this table does not know (from a newer Kubernetes) becomes 0, so reads never fail.
/// </summary>
internal sealed class EnumTable<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _toKubernetes;
    private readonly Dictionary<string, TEnum> _toProto;
    private readonly string _supported;

    public EnumTable(params (TEnum Value, string Kubernetes)[] values)
    {
        _toKubernetes = values.ToDictionary(v => v.Value, v => v.Kubernetes);
        _toProto = values.ToDictionary(v => v.Kubernetes, v => v.Value, StringComparer.Ordinal);
        // Proto clients know the values by their proto names, so the error lists those.
        _supported = string.Join(", ", typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => "\"" + (f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name) + "\""));
    }

    /// <summary>The Kubernetes string, null for 0; throws <see cref="MappingException"/> for an undefined number.</summary>
    public string? ToKubernetes(TEnum value, string field)
    {
        if (_toKubernetes.TryGetValue(value, out var text))
        {
            return text;
        }
        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        if (number == 0)
        {
            return null;
        }
        throw new MappingException(field, $"Unsupported value: {number}: supported values: {_supported}");
    }

    /// <summary>The proto value, 0 for null or an unknown string.</summary>
    public TEnum ToProto(string? value) =>
        value is not null && _toProto.TryGetValue(value, out var known) ? known : default;
}
