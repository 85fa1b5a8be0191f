namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// Values for a request field, chosen by the field's name: mostly what a real client sends (so calls get past
/// validation and reach the cache and the cluster), the rest hostile (path tricks, unicode, sizes, numbers at the edges).
/// </summary>
internal sealed class HostileValues
{
    private static readonly string[] Unicode =
    [
        "\0", "a\0b", "web\0", "\u202Eweb", "w\u200Deb", "we\u0301b", "a" + string.Concat(Enumerable.Repeat("\u0301", 5000)), "\uD800", "web\uDFFF",
        "\uD83D", "\uFEFFweb", "ｗｅｂ", "web\n", "web\r\nx-injected: 1", "\u2028", "\u0085", "\u007F", "😀", "👩‍👩‍👧", "İ", "ß", "مرحبا",
        "%00", "%2F", "\t", " web ", new string('é', 100_000), new string('x', 1 << 20),
    ];

    private static readonly string[] Names = ["web", "web2", "api", "missing", "kubernetes", "new-name", "new-name"];

    private static readonly string[] HostileNames =
    [
        "", "New-Name", ".", "..", "../web", "a/b", "%2e%2e", "web#", "web?dryRun=All", " ", "é", "-web", "web-", "1web",
        new string('a', 63), new string('a', 64), new string('a', 253), new string('a', 254), new string('b', 100_000),
    ];

    private static readonly string[] Namespaces = ["default", "default", "team", "kube-system", "missing"];

    private static readonly string[] HostileNamespaces =
        ["", "..", "../..", "default/services", "%2F", "default#", "DEFAULT", new string('n', 63), new string('n', 64), new string('n', 100_000)];

    private static readonly string[] LabelSelectors = ["", "", "app=web", "app in (web,api)", "!canary", "app!=web,tier", "app=none"];

    private static readonly string[] HostileLabelSelectors =
    [
        "app in (web", "=x", "a==", ",,,", "k in ()", "app notin ()", "app=web,", "a=b=c", "a in (b),(", "x" + new string(')', 50),
        string.Join(",", Enumerable.Range(0, 101).Select(i => $"k{i}")), "app=" + new string('v', 20_000), "app=" + new string('v', 16_380),
    ];

    private static readonly string[] FieldSelectors =
        ["", "", "metadata.name=web", "spec.type=ClusterIP", "metadata.namespace!=team", "metadata.name==web2"];

    private static readonly string[] HostileFieldSelectors =
        ["status.phase=Running", "metadata.name", "a=b=c", "metadata.name=" + new string('v', 20_000), "metadata.labels.app=web", "spec.clusterIP=a,b"];

    private static readonly string[] ResourceVersions = ["", "", "0", "1", "5", "30", "60"];

    private static readonly string[] HostileResourceVersions =
        ["100000", "9223372036854775807", "9223372036854775808", "-1", "abc", "1e5", "0x10", " 7", "7 ", "+7", "٣", new string('9', 5000)];

    private static readonly string[] PageTokens = ["", "", ""];

    private static readonly string[] HostileTokens =
        ["abc", "eyJmIjoiMCIsInAiOiJjIiwiYyI6IlxuIn0", "eyJmIjoiMCIsInAiOiJhIiwiYyI6IngifQ", "e30", "bnVsbA", "W10", "====", new string('t', 5000)];

    private static readonly string[] Subresources = ["", "", "status", "status"];

    private static readonly string[] HostileSubresources = ["scale", "Status", "status/", "../status", "status?x=1", "status#", "proxy", "finalize"];

    private static readonly string[] Patches =
    [
        "{}", """{"metadata":{"labels":{"hit":"yes"}}}""", """[{"op":"add","path":"/metadata/labels/x","value":"y"}]""",
        """{"metadata":{"annotations":{"note":"x"}},"spec":{"sessionAffinity":"ClientIP"}}""",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"http","port":81}]}}""",
        """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"ingressClassName":"x"}}""",
        """{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}""",
    ];

    private static readonly string[] HostilePatches =
    [
        "[]", "null", "\"x\"", "", " ", "{", "{not json", """{"spec":{"ports":[0,1,2,3]}}""", """{"metadata":{"finalizers":[1,2,3]}}""",
        """[{"op":"copy","from":"/metadata","path":"/metadata/x"}]""", """[{"op":"remove","path":"/spec"}]""", """[{"op":"test","path":"/x","value":1}]""",
        """[{"op":"move","from":"/spec","path":"/spec/x"}]""", """[{"op":"add","path":"/metadata/labels/~2","value":"y"}]""",
        """{"spec":{"type":"Nonsense"}}""", """{"metadata":{"name":"other"}}""", """{"metadata":{"namespace":"team"}}""",
        """{"metadata":{"resourceVersion":"1"}}""", """{"metadata":{"uid":"x"}}""", """{"spec":{"ports":[{"port":-1},{"port":65536},{"port":2147483648}]}}""",
        """{"spec":{"ports":[{"port":80,"nodePort":1}],"type":"NodePort"}}""", """{"spec":{"clusterIP":"None"}}""",
        """{"$patch":"replace"}""", """{"spec":{"$setElementOrder/ports":[{"port":1}]}}""", """{"spec":{"ports":[{"$patch":"delete","port":80}]}}""",
        """{"a":1,"a":2}""", "{\"metadata\":{\"labels\":{\"k\":\"\\ud800\"}}}", "{\"x\":\"\u0000\"}", "1e999999", "[1e999999]",
        "{\"a\":" + new string('[', 60) + new string(']', 60) + "}", new string('[', 200) + new string(']', 200),
    ];

    private static readonly string[] LabelKeys =
        ["app", "app", "tier", "example.com/x", "a/b/c", "", "-x", "x-", "example.com/", "/x", new string('k', 63), new string('k', 64), "k\0", "ключ"];

    private static readonly string[] HostileStrings = ["", "None", "0.0.0.0", "::1", "10.96.0.1", "TCP", "http", "*", "/", "\\", "'", "\"", "{}"];

    private static readonly int[] Ints = [-1, 0, 1, 80, 443, 8080, 65535, 65536, -65536, 30080, 32767, 32768, 100_000, int.MaxValue, int.MinValue];

    private static readonly long[] Longs = [-1, 0, 1, 253_402_300_800, -62_135_596_801, long.MaxValue, long.MinValue];

    /// <summary>Page tokens and resource versions of this cluster's listings (another listing's, truncated), added once the fixtures exist.</summary>
    public List<string> LiveTokens { get; } = [];

    public List<string> LiveResourceVersions { get; } = [];

    public string String(string field, Random r) => field switch
    {
        "namespace" => Mix(r, Namespaces, HostileNamespaces),
        "name" or "generate_name" => Mix(r, Names, HostileNames),
        "label_selector" => Mix(r, LabelSelectors, HostileLabelSelectors),
        "field_selector" => Mix(r, FieldSelectors, HostileFieldSelectors),
        "resource_version" or "min_resource_version" =>
            r.Next(3) == 0 && LiveResourceVersions.Count > 0 ? Pick(r, LiveResourceVersions) : Mix(r, ResourceVersions, HostileResourceVersions),
        "page_token" => r.Next(2) == 0 && LiveTokens.Count > 0 ? Mangled(r, Pick(r, LiveTokens)) : Mix(r, PageTokens, HostileTokens),
        "patch" => r.Next(6) == 0 ? HugePatch(r) : Mix(r, Patches, HostilePatches),
        "subresource" => Mix(r, Subresources, HostileSubresources),
        _ => r.Next(4) switch
        {
            0 => Pick(r, HostileStrings),
            1 => Pick(r, Unicode),
            2 => Pick(r, Names),
            _ => RandomText(r),
        },
    };

    public string LabelKey(Random r) => r.Next(5) == 0 ? Pick(r, Unicode) : Pick(r, LabelKeys);

    public int Int32(Random r) => r.Next(4) == 0 ? r.Next(int.MinValue, int.MaxValue) : Pick(r, Ints);

    public long Int64(Random r) => r.Next(4) == 0 ? r.NextInt64(long.MinValue, long.MaxValue) : Pick(r, Longs);

    /// <summary>An enum's value: one it defines, or one it does not.</summary>
    public int Enum(Google.Protobuf.Reflection.EnumDescriptor type, Random r) =>
        r.Next(3) == 0 ? Pick(r, [-1, type.Values.Count, 99, int.MaxValue, int.MinValue]) : type.Values[r.Next(type.Values.Count)].Number;

    public static T Pick<T>(Random r, IReadOnlyList<T> values) => values[r.Next(values.Count)];

    /// <summary>Usual values seven times in ten, hostile ones two, random text one.</summary>
    private static string Mix(Random r, string[] usual, string[] hostile) => r.Next(10) switch
    {
        < 7 => Pick(r, usual),
        < 9 => Pick(r, hostile),
        _ => RandomText(r),
    };

    /// <summary>A token as it came, cut short, with a character changed, or doubled.</summary>
    private static string Mangled(Random r, string token) => r.Next(4) switch
    {
        0 => token,
        1 => token[..r.Next(token.Length + 1)],
        2 when token.Length > 0 => token.Remove(r.Next(token.Length), 1).Insert(r.Next(token.Length), ((char)r.Next(33, 127)).ToString()),
        _ => token + token,
    };

    /// <summary>Any UTF-16 text, lone surrogates included, up to a few hundred characters.</summary>
    private static string RandomText(Random r)
    {
        var chars = new char[r.Next(r.Next(2) == 0 ? 8 : 400)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = r.Next(3) == 0 ? (char)r.Next(0, 0x10000) : (char)r.Next(0, 0x80);
        }
        return new string(chars);
    }

    /// <summary>Deep or wide patches of every kind: nesting around the 48 and 64 level limits, thousands of operations, megabytes of value.</summary>
    private static string HugePatch(Random r)
    {
        var depth = Pick(r, [47, 48, 49, 63, 64, 65, 1000, 100_000]);
        return r.Next(5) switch
        {
            0 => """{"metadata":{"annotations":{"a":""" + string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth) + "}}}",
            1 => string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)),
            2 => "[" + string.Join(",", Enumerable.Range(0, Pick(r, [1000, 10_000, 50_000]))
                .Select(i => $$"""{"op":"add","path":"/metadata/labels/k{{i}}","value":"v"}""")) + "]",
            3 => """{"metadata":{"annotations":{"big":""" + "\"" + new string('x', Pick(r, [256 * 1024, 1536 * 1024, 2_900_000])) + "\"}}}",
            _ => """{"metadata":{"labels":{""" + string.Join(",", Enumerable.Range(0, Pick(r, [100, 5000, 60_000])).Select(i => $"\"k{i}\":\"v\"")) + "}}}",
        };
    }
}
