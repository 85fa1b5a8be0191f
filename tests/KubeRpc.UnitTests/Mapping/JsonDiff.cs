using System.Text.Json.Nodes;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// Compares two JSON documents property by property (object key order ignored) and lists every path that
/// was lost, added or changed, so a failing round trip names the fields at fault.
/// </summary>
internal static class JsonDiff
{
    public static List<string> Compare(string expectedJson, string actualJson)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expectedJson), JsonNode.Parse(actualJson), "$", differences);
        return differences;
    }

    /// <summary>Counts the leaf values, to check that a populated document is not trivially small.</summary>
    public static int CountLeaves(string json) => CountLeaves(JsonNode.Parse(json));

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (a.TryGetPropertyValue(key, out var other))
                    {
                        Compare(value, other, $"{path}.{key}", differences);
                    }
                    else
                    {
                        differences.Add($"lost: {path}.{key} (was {Text(value)})");
                    }
                }
                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        differences.Add($"added: {path}.{key} = {Text(value)}");
                    }
                }
                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"differs: {path} has {a.Count} items, expected {e.Count}");
                }
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }
                break;
            default:
                if (Text(expected) != Text(actual))
                {
                    differences.Add($"differs: {path}: expected {Text(expected)}, got {Text(actual)}");
                }
                break;
        }
    }

    private static int CountLeaves(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => CountLeaves(p.Value)),
        JsonArray a => a.Sum(CountLeaves),
        _ => 1,
    };

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
