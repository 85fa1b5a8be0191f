namespace KubeRpc.Emulator.Selection;

// Temporary stand-in (equality terms only) until the full parser lands from the printing branch.
public sealed class LabelSelector
{
    private readonly List<(string Key, string Value)> _terms;

    private LabelSelector(List<(string, string)> terms) => _terms = terms;

    public bool IsEmpty => _terms.Count == 0;

    public static LabelSelector Parse(string? text) =>
        new((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList());

    public bool Matches(IDictionary<string, string>? labels) =>
        _terms.All(t => labels is not null && labels.TryGetValue(t.Key, out var v) && v == t.Value);
}
