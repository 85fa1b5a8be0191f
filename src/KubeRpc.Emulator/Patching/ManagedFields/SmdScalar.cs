using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// A value of a path element (a list-map key field, a set item) with what <see cref="SmdValues.Compare"/> looks at
/// worked out once: field sets compare elements many times, and reading a number from its JSON text each time
/// dominated their cost.
/// </summary>
internal readonly struct SmdScalar : IComparable<SmdScalar>, IEquatable<SmdScalar>
{
    private readonly int _rank;
    private readonly decimal _number;
    private readonly string? _text;
    private readonly bool _flag;
    private readonly JsonNode? _container;

    private SmdScalar(int rank, decimal number = 0, string? text = null, bool flag = false, JsonNode? container = null)
    {
        _rank = rank;
        _number = number;
        _text = text;
        _flag = flag;
        _container = container;
    }

    public static SmdScalar Of(JsonNode? value) => SmdValues.Rank(value) switch
    {
        0 => new SmdScalar(0, number: SmdValues.Number(value!)),
        1 => new SmdScalar(1, text: value!.GetValue<string>()),
        2 => new SmdScalar(2, flag: value!.GetValue<bool>()),
        var rank and (3 or 4) => new SmdScalar(rank, container: value),
        var rank => new SmdScalar(rank),
    };

    /// <summary>Orders as <see cref="SmdValues.Compare"/> orders the values.</summary>
    public int CompareTo(SmdScalar other)
    {
        if (_rank != other._rank)
        {
            return _rank.CompareTo(other._rank);
        }

        return _rank switch
        {
            0 => _number.CompareTo(other._number),
            1 => Math.Sign(string.CompareOrdinal(_text, other._text)),
            2 => _flag.CompareTo(other._flag),
            3 or 4 => SmdValues.Compare(_container, other._container),
            _ => 0,
        };
    }

    public bool Equals(SmdScalar other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SmdScalar other && Equals(other);

    /// <summary>Agrees with <see cref="CompareTo"/>: numbers by decimal value, lists and maps by content.</summary>
    public override int GetHashCode() => _rank switch
    {
        0 => _number.GetHashCode(),
        1 => StringComparer.Ordinal.GetHashCode(_text!),
        2 => _flag.GetHashCode(),
        3 or 4 => GoValues.Hash(_container),
        _ => _rank,
    };
}
