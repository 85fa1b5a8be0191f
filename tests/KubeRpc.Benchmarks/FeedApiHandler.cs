using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The few Kubernetes API calls KubeRpc's informers make, answered in-process from a <see cref="ServiceFeed"/>: the
/// Service list and watch of all namespaces, empty Ingress and EndpointSlice lists and silent watches of them. Anything else is a
/// 404 Status, so a stray call shows up as an error rather than as a fake success.
/// </summary>
internal sealed class FeedApiHandler(ServiceFeed feed) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("request without URI");
        var watch = uri.Query.Contains("watch=true", StringComparison.Ordinal);
        var response = (request.Method.Method, uri.AbsolutePath) switch
        {
            ("GET", "/api/v1/services") when watch => Stream(feed.Watch()),
            ("GET", "/api/v1/services") => Json(HttpStatusCode.OK, feed.List()),
            ("GET", "/apis/networking.k8s.io/v1/ingresses") when watch => Stream(new Pipe().Reader.AsStream()),
            ("GET", "/apis/networking.k8s.io/v1/ingresses") =>
                Json(HttpStatusCode.OK, """{"apiVersion":"networking.k8s.io/v1","kind":"IngressList","metadata":{"resourceVersion":"1"},"items":[]}"""),
            ("GET", "/apis/discovery.k8s.io/v1/endpointslices") when watch => Stream(new Pipe().Reader.AsStream()),
            ("GET", "/apis/discovery.k8s.io/v1/endpointslices") =>
                Json(HttpStatusCode.OK, """{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSliceList","metadata":{"resourceVersion":"1"},"items":[]}"""),
            _ => Json(HttpStatusCode.NotFound,
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not served by the benchmark feed","reason":"NotFound","code":404}"""),
        };
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
    };

    private static HttpResponseMessage Stream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
