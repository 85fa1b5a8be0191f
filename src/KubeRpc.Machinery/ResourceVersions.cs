using System.Globalization;

namespace KubeRpc.Machinery;

/// <summary>
/// resourceVersion strings as numbers: the server orders what it caches by them, the emulator reads the
/// resourceVersion of a list or watch with them and writes the versions it hands out.
/// </summary>
public static class ResourceVersions
{
    /// <summary>
    /// Kubernetes calls resourceVersion opaque, but every kube-apiserver hands out etcd revisions (decimal
    /// numbers), and read-your-writes needs to order them.
    /// </summary>
    public static long Parse(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw new FormatException($"resourceVersion \"{value}\" is not a number");

    public static bool TryParse(string? value, out long resourceVersion) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out resourceVersion);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
