using System.Net;
using KubeRpc.Emulator.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KubeRpc.Emulator.Hosting;

/// <summary>Serves an emulator over ASP.NET Core: HTTP request in, <see cref="ApiResponse"/> out, watches streamed and flushed per event.</summary>
public static class EmulatorRequestHandler
{
    public static async Task HandleAsync(HttpContext context, KubernetesEmulator emulator)
    {
        var http = context.Request;
        var (body, tooLarge) = await BoundedBody.ReadAsync(http.Body, http.ContentLength, context.RequestAborted);
        var local = context.Connection.LocalIpAddress;
        var request = new ApiRequest
        {
            Method = http.Method,
            Path = http.Path.Value ?? "/",
            Query = http.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "", StringComparer.Ordinal),
            Accept = http.Headers.Accept.ToString(),
            ContentType = http.ContentType,
            UserAgent = http.Headers.UserAgent.ToString(),
            Body = body,
            BodyTooLarge = tooLarge,
            IsLoopback = context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote),
            OverNetwork = true,
            Host = http.Headers.Host.ToString(),
            Origin = http.Headers.Origin.Count == 0 ? null : http.Headers.Origin.ToString(),
            SecFetchSite = http.Headers["Sec-Fetch-Site"].Count == 0 ? null : http.Headers["Sec-Fetch-Site"].ToString(),
            Authorization = http.Headers.Authorization.Count == 0 ? null : http.Headers.Authorization.ToString(),
            Impersonation = [.. http.Headers.Where(h => h.Key.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")))],
            ServerAddress = local is null ? http.Host.Value ?? "127.0.0.1" : $"{local}:{context.Connection.LocalPort}",
        };
        var response = await emulator.HandleAsync(request, context.RequestAborted);
        var reply = context.Response;
        reply.StatusCode = response.StatusCode;
        reply.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            reply.Headers.Append(name, value);
        }
        if (response.StreamBody is { } stream)
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await reply.StartAsync(context.RequestAborted);
            await stream(reply.Body, context.RequestAborted);
            return;
        }
        reply.ContentLength = response.Body.Length;
        await reply.Body.WriteAsync(response.Body, context.RequestAborted);
    }
}
