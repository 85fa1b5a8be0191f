using System.Text;
using k8s;
using k8s.Autorest;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// DELETE on a collection, reading the answer ourselves. kube-apiserver answers with the list of deleted objects
/// (e.g. a ServiceList), but KubernetesClient types the answer as V1Status, and since every field of a list also
/// fits V1Status its converter keeps none of the items (<c>HasObject</c> stays false): the typed call always looked
/// like "nothing deleted". This sends the same request through the client's own HttpClient and credentials.
/// </summary>
internal static class CollectionDelete
{
    /// <param name="client">The process's client; must be a <see cref="k8s.Kubernetes"/> (it always is: ClusterConnection).</param>
    /// <param name="collectionPath">The collection's path below the API root, e.g. <c>api/v1/namespaces/default/services</c>.</param>
    public static async Task<TList> SendAsync<TList>(IKubernetes client, string collectionPath, string? labelSelector, string? fieldSelector,
        bool dryRun, CancellationToken cancellationToken)
    {
        var kubernetes = client as k8s.Kubernetes
            ?? throw new InvalidOperationException($"collection deletes need a k8s.Kubernetes client, got {client.GetType().Name}");
        var query = new StringBuilder();
        Append(query, "labelSelector", labelSelector);
        Append(query, "fieldSelector", fieldSelector);
        Append(query, "dryRun", dryRun ? "All" : null);
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(kubernetes.BaseUri, collectionPath + query));
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        using var response = await kubernetes.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The same exception the typed calls throw, so KubernetesErrorTranslator treats it alike.
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, ""),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
        return KubernetesJson.Deserialize<TList>(content);
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
