namespace KubeRpc.Emulator.Http;

/// <summary>A transport-neutral response: a whole body, or a stream writer for watches.</summary>
public sealed class ApiResponse
{
    public const string Json = "application/json";

    public int StatusCode { get; init; } = 200;

    public string ContentType { get; init; } = Json;

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>For streaming responses: writes (and flushes) the body until done or cancelled.</summary>
    public Func<Stream, CancellationToken, Task>? StreamBody { get; init; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];
}
