using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using KubeRpc.Emulator.Tests.Clients;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// Who may use the HTTP host without credentials: loopback callers that name a loopback host and that no browser
/// marks cross-site (a web page can send form and text/plain POSTs without a CORS preflight). Everyone else gets
/// the 403 kube-apiserver gives an anonymous user.
/// </summary>
public sealed class LocalAdminRuleTests : IAsyncLifetime
{
    private const string ListServices =
        "services is forbidden: User \"system:anonymous\" cannot list resource \"services\" in API group \"\" in the namespace \"default\"";

    private StandaloneEmulator _host = null!;
    private HttpClient _http = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _host = await StandaloneEmulator.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_host.Url) };
        _port = new Uri(_host.Url).Port;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(int Code, JsonNode? Status)> SendAsync(HttpMethod method, string path, string? host = null, string? origin = null,
        string? fetchSite = null, HttpContent? content = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (host is not null)
        {
            request.Headers.Host = host.Replace("PORT", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin.Replace("PORT", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await _http.SendAsync(request).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        return ((int)response.StatusCode, body.StartsWith('{') ? JsonNode.Parse(body) : null);
    }

    private static void AssertForbidden((int Code, JsonNode? Status) reply, string message)
    {
        Assert.Equal(403, reply.Code);
        Assert.Equal("Forbidden", (string?)reply.Status?["reason"]);
        Assert.Equal(403, (int?)reply.Status?["code"]);
        Assert.Equal(message, (string?)reply.Status?["message"]);
    }

    [Theory]
    [InlineData("evil.example:PORT")]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.nip.io:PORT")]
    [InlineData("localhost.:PORT")]
    public async Task List_ForeignHostHeader_ForbiddenWhileLoopbackHostsAreServed(string host)
    {
        var kubectl = await SendAsync(HttpMethod.Get, HostileRequests.Services);
        var byName = await SendAsync(HttpMethod.Get, HostileRequests.Services, host: "localhost:PORT");
        var ipv6 = await SendAsync(HttpMethod.Get, HostileRequests.Services, host: "[::1]:PORT");

        var rebound = await SendAsync(HttpMethod.Get, HostileRequests.Services, host: host);

        Assert.Equal([200, 200, 200], new[] { kubectl.Code, byName.Code, ipv6.Code });
        AssertForbidden(rebound, ListServices);
        Assert.Equal("services", (string?)rebound.Status?["details"]?["kind"]);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:PORT")]
    [InlineData("http://127.0.0.1.evil.example:PORT")]
    public async Task List_OriginOfAnotherSite_ForbiddenWhileTheSameOriginIsServed(string origin)
    {
        var sameOrigin = await SendAsync(HttpMethod.Get, HostileRequests.Services, origin: "http://127.0.0.1:PORT", fetchSite: "same-origin");
        var otherPort = await SendAsync(HttpMethod.Get, HostileRequests.Services, origin: "http://127.0.0.1:3000", fetchSite: "same-site");

        var crossSite = await SendAsync(HttpMethod.Get, HostileRequests.Services, origin: origin);

        Assert.Equal([200, 200], new[] { sameOrigin.Code, otherPort.Code });
        AssertForbidden(crossSite, ListServices);
    }

    [Fact]
    public async Task List_SecFetchSiteCrossSite_Forbidden()
    {
        var direct = await SendAsync(HttpMethod.Get, HostileRequests.Services, fetchSite: "none");

        var crossSite = await SendAsync(HttpMethod.Get, HostileRequests.Services, fetchSite: "cross-site");

        Assert.Equal(200, direct.Code);
        AssertForbidden(crossSite, ListServices);
    }

    [Fact]
    public async Task PostFaults_CrossSiteFormPost_ForbiddenAndNoFaultArmed()
    {
        // What a page can send without a preflight: text/plain, its own Origin, marked cross-site by the browser.
        var armed = await SendAsync(HttpMethod.Post, "/emulator/faults", host: "127.0.0.1:PORT", origin: "http://evil.example",
            fetchSite: "cross-site", content: new StringContent("""{"fail":{"count":5,"code":500}}""", Encoding.UTF8, "text/plain"));

        var next = await SendAsync(HttpMethod.Get, HostileRequests.Services);
        // The in-process handler (Host emulator.invalid, KubeRpc's own client) stays the admin.
        var inProcess = await _host.Emulator.SendAsync("POST", "/emulator/faults", "application/json", """{"reset":true}""");
        var services = await _host.Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();

        AssertForbidden(armed, "forbidden: User \"system:anonymous\" cannot post path \"/emulator/faults\"");
        Assert.Equal(200, next.Code);
        Assert.Equal(200, inProcess.Code);
        Assert.NotNull(services.Items);
    }

    [Fact]
    public async Task Requests_ForbiddenCaller_WordedAsKubeApiserverPerRequestKind()
    {
        const string foreign = "evil.example";

        var version = await SendAsync(HttpMethod.Get, "/version", host: foreign);
        var discovery = await SendAsync(HttpMethod.Get, "/api", host: foreign);
        var namespaces = await SendAsync(HttpMethod.Get, "/api/v1/namespaces", host: foreign);
        var ingress = await SendAsync(HttpMethod.Get, "/apis/networking.k8s.io/v1/namespaces/default/ingresses/web", host: foreign);
        var status = await SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/services/web/status", host: foreign,
            content: new StringContent("{}", Encoding.UTF8, "application/json"));
        var watch = await SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/services?watch=true&fieldSelector=metadata.name%3Dweb", host: foreign);
        var deleteAll = await SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/secrets", host: foreign);
        var create = await SendAsync(HttpMethod.Post, HostileRequests.Services, host: foreign,
            content: new StringContent("{}", Encoding.UTF8, "application/json"));

        // system:public-info-viewer lets anyone read /version and the health endpoints; discovery needs system:authenticated.
        Assert.Equal(200, version.Code);
        AssertForbidden(discovery, "forbidden: User \"system:anonymous\" cannot get path \"/api\"");
        AssertForbidden(namespaces, "namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
        AssertForbidden(ingress, "ingresses.networking.k8s.io \"web\" is forbidden: User \"system:anonymous\" cannot get resource \"ingresses\" " +
            "in API group \"networking.k8s.io\" in the namespace \"default\"");
        Assert.Equal("networking.k8s.io", (string?)ingress.Status?["details"]?["group"]);
        Assert.Equal("web", (string?)ingress.Status?["details"]?["name"]);
        AssertForbidden(status, "services \"web\" is forbidden: User \"system:anonymous\" cannot update resource \"services/status\" " +
            "in API group \"\" in the namespace \"default\"");
        AssertForbidden(watch, "services \"web\" is forbidden: User \"system:anonymous\" cannot watch resource \"services\" " +
            "in API group \"\" in the namespace \"default\"");
        AssertForbidden(deleteAll, "secrets is forbidden: User \"system:anonymous\" cannot deletecollection resource \"secrets\" " +
            "in API group \"\" in the namespace \"default\"");
        AssertForbidden(create, "services is forbidden: User \"system:anonymous\" cannot create resource \"services\" " +
            "in API group \"\" in the namespace \"default\"");
    }

    [Fact]
    public async Task List_BearerToken_JudgedByTheTokenAloneWherever()
    {
        var local = await SendAsync(HttpMethod.Get, HostileRequests.Services, authorization: "Bearer token");

        var foreign = await SendAsync(HttpMethod.Get, HostileRequests.Services, host: "evil.example", authorization: "Bearer token");

        // A token that does not verify is 401 whoever sends it: the loopback rule never turns it into the admin.
        Assert.Equal((401, 401), (local.Code, foreign.Code));
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            local.Status?.ToJsonString());
    }

    [Fact]
    public async Task List_BasicAuthorization_NoCredentialSoTheLoopbackRuleDecides()
    {
        // kube-apiserver reads only bearer tokens (basic authentication went in 1.19): another scheme is no credential.
        var local = await SendAsync(HttpMethod.Get, HostileRequests.Services, authorization: "Basic dXNlcjpwYXNz");

        var foreign = await SendAsync(HttpMethod.Get, HostileRequests.Services, host: "evil.example", authorization: "Basic dXNlcjpwYXNz");

        Assert.Equal(200, local.Code);
        AssertForbidden(foreign, ListServices);
    }
}
