namespace KubeRpc.Emulator.Api;

/// <summary>The size and nesting limits the emulator enforces on what callers send, each with its source.</summary>
internal static class ApiLimits
{
    /// <summary>
    /// The deepest nesting of JSON objects and arrays the emulator reads or produces. Go's decoder allows 10000
    /// levels; the emulator's recursive walkers and System.Text.Json (64 levels by default) need far less, and
    /// nothing Kubernetes sends for the emulated kinds is deeper than about 20 (managedFields included).
    /// </summary>
    public const int MaxJsonDepth = 48;
}
