using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// Sends every KubeRpc request to the Kubernetes API server, on the process's KubernetesClient (its HttpClient, handlers
/// and credentials) but on paths built by <see cref="ApiPath"/> only: KubernetesClient's generated methods put names
/// into paths as they are, so a name could climb to another resource or cut off the query.
/// </summary>
/// <remarks>
/// A failed call throws the <see cref="HttpOperationException"/> the typed calls throw (status code, headers and
/// body), so its translation to a gRPC status is the same. Calls other than watches time out after the configured
/// request timeout; a watch is bounded by its server-side timeout and the reflector's watchdog.
/// </remarks>
internal sealed class ApiTransport
{
    private readonly k8s.Kubernetes _client;
    private readonly Uri _root;

    public ApiTransport(IKubernetes client, TimeSpan requestTimeout)
    {
        _client = client as k8s.Kubernetes
            ?? throw new ArgumentException($"requests need a k8s.Kubernetes client, got {client?.GetType().Name}", nameof(client));
        // A kubeconfig server may carry a path (a proxy's prefix): keep it, and append ours below it.
        var root = _client.BaseUri.AbsoluteUri;
        _root = new Uri(root.EndsWith('/') ? root : root + "/");
        RequestTimeout = requestTimeout;
    }

    public TimeSpan RequestTimeout { get; }

    /// <summary>Sends a request and returns the answer's body; throws <see cref="HttpOperationException"/> unless it is 2xx.</summary>
    /// <param name="actAs">The caller the request is sent as; null for KubeRpc's own identity.</param>
    public async Task<string> SendAsync(HttpMethod method, ApiPath path, ApiQuery? query, HttpContent? content,
        CancellationToken cancellationToken, Impersonation? actAs = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await SendBufferedAsync(method, path, query, content, actAs, timeout.Token).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Sends a request and deserializes the answer (from its bytes: a page of a list is large as text).</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, ApiPath path, ApiQuery? query, HttpContent? content,
        CancellationToken cancellationToken, Impersonation? actAs = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await SendBufferedAsync(method, path, query, content, actAs, timeout.Token).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        return KubernetesJson.Deserialize<T>(body);
    }

    /// <summary>Opens a streaming GET (a watch) and returns the answer once its headers have come; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(ApiPath path, ApiQuery query, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(HttpMethod.Get, path, query, null, null, cancellationToken).ConfigureAwait(false);
        var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw Failure(request, response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The whole answer, read into memory; <see cref="HttpOperationException"/> unless it is 2xx.</summary>
    private async Task<HttpResponseMessage> SendBufferedAsync(HttpMethod method, ApiPath path, ApiQuery? query, HttpContent? content,
        Impersonation? actAs, CancellationToken cancellationToken)
    {
        using var request = await CreateAsync(method, path, query, content, actAs, cancellationToken).ConfigureAwait(false);
        var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw Failure(request, response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>A JSON request body.</summary>
    public static HttpContent Json(string json, string mediaType = "application/json") =>
        new StringContent(json, System.Text.Encoding.UTF8, MediaTypeHeaderValue.Parse(mediaType));

    private async Task<HttpRequestMessage> CreateAsync(HttpMethod method, ApiPath path, ApiQuery? query, HttpContent? content,
        Impersonation? actAs, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(_root, path.Relative + query))
        {
            Content = content,
            // HTTP/2 when TLS negotiates it (many watches share a connection), else HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        actAs?.AddTo(request);
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        return request;
    }

    private static HttpOperationException Failure(HttpRequestMessage request, HttpResponseMessage response, string body) =>
        // The request's body is left out: it may hold what the caller wrote (a Secret's data, say).
        new($"Operation returned an invalid status code '{response.StatusCode}'")
        {
            Request = new HttpRequestMessageWrapper(request, ""),
            Response = new HttpResponseMessageWrapper(response, body),
        };
}
