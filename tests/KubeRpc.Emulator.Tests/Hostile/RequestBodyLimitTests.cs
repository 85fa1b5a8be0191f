using System.Text;
using k8s;
using k8s.Autorest;
using KubeRpc.Emulator.Tests.Clients;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// Bodies past kube-apiserver's <c>MaxRequestBodyBytes</c> (3 MiB): 413 RequestEntityTooLarge on both transports,
/// and the HTTP host stops reading at the limit, whether the body declares its length or is chunked.
/// </summary>
public sealed class RequestBodyLimitTests : IAsyncLifetime
{
    private const int Limit = 3 * 1024 * 1024;
    private const string Message = "Request entity too large: limit is 3145728";
    private StandaloneEmulator _host = null!;

    public async Task InitializeAsync() => _host = await StandaloneEmulator.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Head(string method, string path, string extra) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{extra}\r\n";

    [Fact]
    public async Task Create_FourMegabyteAnnotationInProcess_RequestEntityTooLarge()
    {
        var service = Objects.Service("big");
        service.Metadata.Annotations = new Dictionary<string, string> { ["a"] = new string('x', 4_000_000) };

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _host.Client.CoreV1.CreateNamespacedServiceAsync(service, "default"))
            .DefaultTimeout();

        Assert.Equal(413, (int)e.Response.StatusCode);
        var status = e.Status();
        Assert.Equal("RequestEntityTooLarge", status.Reason);
        Assert.Equal(Message, status.Message);
        Assert.Equal(413, status.Code);
    }

    [Fact]
    public async Task HandleAsync_BodyAtTheLimitRead_OneByteMoreRefused()
    {
        var atLimit = await _host.Emulator.SendAsync("POST", HostileRequests.Services, "application/json", new byte[Limit]);
        var pastLimit = await _host.Emulator.SendAsync("POST", HostileRequests.Services, "application/json", new byte[Limit + 1]);

        Assert.Equal(400, atLimit.Code);
        Assert.Equal(413, pastLimit.Code);
        Assert.Equal(Message, pastLimit.Message);
    }

    [Fact]
    public async Task Http_BodyUnderTheLimitServed_ContentLengthPastItRefusedWithoutReadingTheBody()
    {
        var service = """{"metadata":{"name":"web","annotations":{"a":"__"}},"spec":{"ports":[{"port":80}]}}"""
            .Replace("__", new string('x', 200_000), StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(_host.Url) };
        using var served = await client.PostAsync(HostileRequests.Services, new StringContent(service, Encoding.UTF8, "application/json"))
            .DefaultTimeout();
        await using var raw = await RawHttp.ConnectAsync(_host.Url);

        // The body is announced but never sent: only an answer that does not wait for it can arrive.
        await raw.WriteAsync(Head("POST", HostileRequests.Services, $"Content-Length: {100 * 1024 * 1024}\r\n"));
        var (code, _, body) = await raw.ReadResponseAsync();

        Assert.Equal(201, (int)served.StatusCode);
        Assert.Equal(413, code);
        Assert.Contains(Message, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ChunkedBodyPastTheLimit_RefusedOnceTheLimitIsPassed()
    {
        await using var raw = await RawHttp.ConnectAsync(_host.Url);
        await raw.WriteAsync(Head("POST", HostileRequests.Services, "Transfer-Encoding: chunked\r\n"));

        // 4 MiB in 64 KiB chunks and no last chunk: the body never ends, so only a reader that stops can answer.
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n" + new string(' ', 64 * 1024) + "\r\n");
        var writing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 64; i++)
                {
                    await raw.WriteAsync(chunk);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server may close the connection once it has answered.
            }
        });
        var (code, _, body) = await raw.ReadResponseAsync();

        Assert.Equal(413, code);
        Assert.Contains(Message, body, StringComparison.Ordinal);
        await raw.DisposeAsync();
        await writing.DefaultTimeout();
    }
}
