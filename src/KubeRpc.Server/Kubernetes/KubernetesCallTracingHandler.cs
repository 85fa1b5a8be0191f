using System.Diagnostics;
using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// A client span per Kubernetes call for the in-process embedded cluster, where no socket handler runs and
/// so .NET's own HttpClient instrumentation sees nothing; spans nest under the RPC's span.
/// </summary>
internal sealed class KubernetesCallTracingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(request.Method.Method, ActivityKind.Client);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.path", request.RequestUri?.AbsolutePath);
        activity?.SetTag("server.address", "embedded");
        var response = await base.SendAsync(request, cancellationToken);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
        return response;
    }
}
