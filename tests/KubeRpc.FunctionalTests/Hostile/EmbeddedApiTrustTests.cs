using System.Net;
using System.Net.Sockets;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// The embedded cluster's HTTP API, as KubeRpc serves it: a request without credentials is the admin only from loopback,
/// with a loopback Host, and not marked cross-site by a browser. A page in the developer's browser that posts to it
/// (a form post or <c>text/plain</c> needs no preflight) is refused, its fault endpoint included.
/// </summary>
public sealed class EmbeddedApiTrustTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private HttpClient _http = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _url = $"http://127.0.0.1:{FreePort()}";
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Kubernetes:Embedded:Url"] = _url }).DefaultTimeout();
        _http = new HttpClient { BaseAddress = new Uri(_url) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task KubectlLikeRequest_Served()
    {
        var response = await _http.GetAsync(new Uri("/api/v1/namespaces/default/services", UriKind.Relative)).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Host", "evil.example:8001")]
    public async Task CrossSiteOrForeignHost_Forbidden_FaultNotArmed(string header, string value)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/services")
        {
            Content = new StringContent("""{"metadata":{"name":"from-browser"},"spec":{"ports":[{"port":80}]}}""", System.Text.Encoding.UTF8, "text/plain"),
        };
        using var fault = new HttpRequestMessage(HttpMethod.Post, "/emulator/faults")
        {
            Content = new StringContent("""{"fail":{"count":5,"code":500}}""", System.Text.Encoding.UTF8, "text/plain"),
        };
        foreach (var request in new[] { create, fault })
        {
            if (header == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(create).DefaultTimeout()).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(fault).DefaultTimeout()).StatusCode);

        // No fault was armed, and nothing was created.
        var read = await _host.Services.GetServiceAsync(new KubeRpc.V1.GetServiceRequest
        {
            Namespace = "default", Name = "kubernetes", ReadOptions = new KubeRpc.V1.ReadOptions { Consistency = KubeRpc.V1.Consistency.Strong },
        }).ResponseAsync.DefaultTimeout();
        Assert.Equal("kubernetes", read.Metadata.Name);
        Assert.False(await Services.ServiceTestKit.ExistsDirectAsync(_host, "from-browser"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
