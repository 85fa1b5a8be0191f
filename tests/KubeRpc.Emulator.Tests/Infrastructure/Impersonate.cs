using k8s;

namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>
/// A KubernetesClient that talks to an emulator in-process as another user: the in-process caller is the admin, who may
/// impersonate anyone, so every request carries <c>Impersonate-User</c> (and <c>Impersonate-Group</c>) headers.
/// </summary>
public static class Impersonate
{
    public static IKubernetes Client(KubernetesEmulator emulator, string user, params string[] groups) =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://emulator.invalid" }, new Headers(user, groups), emulator.CreateHandler());

    private sealed class Headers(string user, string[] groups) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Impersonate-User", user);
            foreach (var group in groups)
            {
                request.Headers.Add("Impersonate-Group", group);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
