using System.Text.Json;

namespace KubeRpc.Emulator.Api;

/// <summary>System.Text.Json options that hold parsers to <see cref="ApiLimits.MaxJsonDepth"/>.</summary>
internal static class JsonDepth
{
    /// <summary>Reader options that refuse anything nested deeper than the limit.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ApiLimits.MaxJsonDepth };

    /// <summary>Document options that refuse anything nested deeper than the limit.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ApiLimits.MaxJsonDepth };
}
