namespace KubeRpc.Machinery.Text;

/// <summary>How an <see cref="Excerpt"/> shows that text was cut.</summary>
public enum ExcerptMarker
{
    /// <summary><c>…(N more characters)</c>: the server's messages say how much a caller's value was cut by.</summary>
    OmittedCount,

    /// <summary><c> ...</c>, without a count: the emulator's mark, which its Status messages and tests expect.</summary>
    Ellipsis,
}
