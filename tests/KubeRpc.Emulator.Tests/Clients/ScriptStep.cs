using System.Text.Json;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>One JSON line a client script printed: <c>{"step":"…", …fields}</c>.</summary>
internal sealed class ScriptStep(JsonElement json)
{
    public JsonElement Json { get; } = json;

    public string Name => Json.GetProperty("step").GetString()!;

    public JsonElement this[string field] => Json.TryGetProperty(field, out var value)
        ? value
        : throw new KeyNotFoundException($"step {Name} has no field {field}: {Json}");

    public string Str(string field) => this[field].GetString()!;

    public int Int(string field) => this[field].GetInt32();

    public bool Bool(string field) => this[field].GetBoolean();

    public long Rv(string field = "rv") => long.Parse(Str(field), System.Globalization.CultureInfo.InvariantCulture);

    public string[] Strings(string field) => [.. this[field].EnumerateArray().Select(e => e.GetString()!)];

    public Dictionary<string, string> Map(string field) =>
        this[field].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>A string at a dotted path such as <c>body.details.kind</c>.</summary>
    public string? At(string path)
    {
        var node = Json;
        foreach (var part in path.Split('.'))
        {
            if (node.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index))
            {
                node = node[index];
            }
            else if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return null;
            }
        }
        return node.ValueKind == JsonValueKind.String ? node.GetString() : node.GetRawText();
    }

    public override string ToString() => Json.GetRawText();
}
