using System.Text;

namespace KubeRpc.Emulator.Storage;

/// <summary>Builds newline-terminated watch event lines: <c>{"type":"ADDED","object":{...}}\n</c>.</summary>
internal static class WatchLines
{
    private static readonly byte[] Suffix = "}\n"u8.ToArray();

    public static string Name(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    public static byte[] Event(WatchEventType type, ReadOnlySpan<byte> objectJson) => Event(Name(type), objectJson);

    public static byte[] Event(string type, ReadOnlySpan<byte> objectJson)
    {
        var prefix = Encoding.UTF8.GetBytes("{\"type\":\"" + type + "\",\"object\":");
        var line = new byte[prefix.Length + objectJson.Length + Suffix.Length];
        prefix.CopyTo(line, 0);
        objectJson.CopyTo(line.AsSpan(prefix.Length));
        Suffix.CopyTo(line, prefix.Length + objectJson.Length);
        return line;
    }
}
