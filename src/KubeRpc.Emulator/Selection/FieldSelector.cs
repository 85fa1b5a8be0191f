namespace KubeRpc.Emulator.Selection;

// Temporary stand-in (equality terms only) until the full parser lands from the printing branch.
public sealed class FieldSelector
{
    private readonly List<(string Key, string Value)> _terms;

    private FieldSelector(List<(string, string)> terms) => _terms = terms;

    public bool IsEmpty => _terms.Count == 0;

    public IEnumerable<string> Fields => _terms.Select(t => t.Key);

    public static FieldSelector Parse(string? text) =>
        new((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList());

    public bool Matches(Func<string, string?> fieldValue) => _terms.All(t => fieldValue(t.Key) == t.Value);
}
