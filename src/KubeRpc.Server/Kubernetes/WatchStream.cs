using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// Reads a Kubernetes watch: one JSON event per line, <c>{"type": …, "object": …}</c>. As KubernetesClient's watcher
/// does, an ERROR event (a Status, such as 410 Expired) and a line that cannot be decoded go to <c>onError</c>, which
/// may throw to end the enumeration; a stream the server closes ends it normally.
/// </summary>
internal static class WatchStream
{
    public static async IAsyncEnumerable<(WatchEventType Type, TModel Object)> ReadAsync<TModel>(HttpResponseMessage response,
        Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        using var _ = response;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var decoded = Decode<TModel>(line, out var error);
            if (decoded is { } e)
            {
                yield return e;
            }
            else if (error is not null)
            {
                onError(error);
            }
        }
    }

    /// <summary>
    /// One event. The usual ones are read in one pass, straight into the model; an ERROR event, or a line that does not
    /// fit the model, is read again as a document (<see cref="DecodeSlow"/>), which tells the Status or the fault apart.
    /// </summary>
    internal static (WatchEventType, TModel)? Decode<TModel>(string line, out Exception? error)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        error = null;
        try
        {
            var e = KubernetesJson.Deserialize<Envelope<TModel>>(line);
            if (e?.Object is { } obj)
            {
                switch (e.Type)
                {
                    case "ADDED":
                        return (WatchEventType.Added, obj);
                    case "MODIFIED":
                        return (WatchEventType.Modified, obj);
                    case "DELETED":
                        return (WatchEventType.Deleted, obj);
                    case "BOOKMARK":
                        return (WatchEventType.Bookmark, obj);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // An ERROR event's Status does not fit the model; nor does a broken line: both are told apart below.
        }
        return DecodeSlow<TModel>(line, out error);
    }

    private static (WatchEventType, TModel)? DecodeSlow<TModel>(string line, out Exception? error)
        where TModel : class, IKubernetesObject<V1ObjectMeta>
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString();
            var obj = root.GetProperty("object");
            switch (type)
            {
                case "ADDED":
                    return (WatchEventType.Added, KubernetesJson.Deserialize<TModel>(obj));
                case "MODIFIED":
                    return (WatchEventType.Modified, KubernetesJson.Deserialize<TModel>(obj));
                case "DELETED":
                    return (WatchEventType.Deleted, KubernetesJson.Deserialize<TModel>(obj));
                case "BOOKMARK":
                    return (WatchEventType.Bookmark, KubernetesJson.Deserialize<TModel>(obj));
                case "ERROR":
                    error = new KubernetesException(KubernetesJson.Deserialize<V1Status>(obj));
                    return null;
                default:
                    error = new FormatException($"unknown watch event type \"{type}\"");
                    return null;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = e;
            return null;
        }
    }

    /// <summary>A watch event as the API server writes it, its object read as the model.</summary>
    private sealed class Envelope<TModel>
    {
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("object")]
        public TModel? Object { get; set; }
    }
}
