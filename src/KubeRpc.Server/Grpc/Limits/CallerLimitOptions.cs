namespace KubeRpc.Server.Grpc.Limits;

/// <summary>
/// What one caller may use (configuration section <c>Limits</c>), so a noisy caller cannot starve the others. A caller
/// is an authenticated identity (its user name, a certificate's CN), so these apply in <c>Auth:Mode</c> Kubernetes only.
/// 0 turns a limit off.
/// </summary>
internal sealed class CallerLimitOptions
{
    /// <summary>Unary calls per second one caller may make, sustained.</summary>
    public int CallsPerSecond { get; set; } = 500;

    /// <summary>Unary calls one caller may make at once above <see cref="CallsPerSecond"/> (the bucket's size).</summary>
    public int CallBurst { get; set; } = 1000;

    /// <summary>Watch streams one caller may hold open.</summary>
    public int WatchesPerCaller { get; set; } = 100;

    internal IEnumerable<string> Errors()
    {
        if (CallsPerSecond < 0)
        {
            yield return $"{RequestLimits.SectionName}:{nameof(CallsPerSecond)} must be 0 (no limit) or more, got {CallsPerSecond}";
        }
        if (CallsPerSecond > 0 && CallBurst < 1)
        {
            yield return $"{RequestLimits.SectionName}:{nameof(CallBurst)} must be at least 1 when {nameof(CallsPerSecond)} is set, got {CallBurst}";
        }
        if (WatchesPerCaller < 0)
        {
            yield return $"{RequestLimits.SectionName}:{nameof(WatchesPerCaller)} must be 0 (no limit) or more, got {WatchesPerCaller}";
        }
    }
}
