using System.Text;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>Sends hand-made requests straight to an emulator's transport-neutral entry point.</summary>
internal static class HostileRequests
{
    public const string Services = "/api/v1/namespaces/default/services";

    public static async Task<Reply> SendAsync(this KubernetesEmulator emulator, string method, string path, string? contentType = null,
        ReadOnlyMemory<byte> body = default, IReadOnlyDictionary<string, string>? query = null)
    {
        var request = new ApiRequest
        {
            Method = method,
            Path = path,
            Query = query ?? new Dictionary<string, string>(),
            ContentType = contentType,
            UserAgent = "hostile",
            Body = body,
        };
        var response = await emulator.HandleAsync(request, CancellationToken.None).DefaultTimeout();
        return new Reply(response.StatusCode, Encoding.UTF8.GetString(response.Body.Span));
    }

    public static Task<Reply> SendAsync(this KubernetesEmulator emulator, string method, string path, string contentType, string body,
        IReadOnlyDictionary<string, string>? query = null) =>
        emulator.SendAsync(method, path, contentType, Encoding.UTF8.GetBytes(body), query);

    /// <summary>A status code and body; <see cref="Message"/> and <see cref="Reason"/> read a Status body.</summary>
    public sealed record Reply(int Code, string Body)
    {
        public JsonNode? Json => Body.StartsWith('{') ? JsonNode.Parse(Body) : null;

        public string? Message => Json?["message"]?.GetValue<string>();

        public string? Reason => Json?["reason"]?.GetValue<string>();

        public override string ToString() => $"{Code} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }
}
