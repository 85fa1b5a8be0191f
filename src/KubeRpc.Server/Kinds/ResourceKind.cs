using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Kinds;

/// <summary>
/// Everything KubeRpc knows about one kind, in one place: its names and API resource, its typed API client, its
/// mapping between the KubernetesClient model and the proto message, and the fields a selector can name, each with
/// its extractor. The informers, cached reads, watches, RPCs, metrics and logs of a kind are all built from it, so
/// adding a kind is a proto, a mapping, one of these (see <see cref="ServiceKind"/>) and a thin manager for its RPCs.
/// </summary>
/// <typeparam name="TProto">The proto message the RPCs carry, e.g. <c>kuberpc.v1.Service</c>.</typeparam>
/// <typeparam name="TModel">The KubernetesClient model, e.g. <c>V1Service</c>.</typeparam>
internal sealed class ResourceKind<TProto, TModel>
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly string _pluralTitle;

    public ResourceKind(
        ApiResource resource,
        string requestField,
        Func<ApiTransport, IResourceApi<TModel>> client,
        Func<TModel, TProto> toProto,
        Func<TProto, string, TModel> toKubernetes,
        Func<TProto, ObjectMeta?> metadata,
        MessageParser<TProto> parser,
        IReadOnlyList<SelectableField<TModel>> selectableFields)
    {
        Parser = parser;
        Resource = resource;
        RequestField = requestField;
        Client = client;
        ToProto = toProto;
        ToKubernetesModel = toKubernetes;
        Metadata = metadata;
        Selectable = selectableFields;
        Fields = new SelectableFields([.. selectableFields.Select(f => f.Name)]);
        _pluralTitle = char.ToUpperInvariant(resource.Plural[0]) + resource.Plural[1..];
    }

    /// <summary>Group, version, plural and kind, as the API server's URLs and messages name them.</summary>
    public ApiResource Resource { get; }

    /// <summary>The Kubernetes kind, e.g. <c>Service</c>; also the <c>kind</c> tag of every metric.</summary>
    public string Kind => Resource.Kind;

    /// <summary>The request field that holds the object in writes, e.g. <c>service</c>, for violation paths.</summary>
    public string RequestField { get; }

    /// <summary>The typed API client over a transport.</summary>
    public Func<ApiTransport, IResourceApi<TModel>> Client { get; }

    public Func<TModel, TProto> ToProto { get; }

    /// <summary>The request's object as the model; unknown enum numbers throw, naming the field under <see cref="RequestField"/>.</summary>
    public TModel ToKubernetes(TProto message) => ToKubernetesModel(message, RequestField);

    /// <summary>The request's <c>metadata</c>, null when unset.</summary>
    public Func<TProto, ObjectMeta?> Metadata { get; }

    /// <summary>Reads the message back from its encoding (the cache keeps bytes).</summary>
    public MessageParser<TProto> Parser { get; }

    /// <summary>The selectable fields beyond metadata.name and metadata.namespace, each with its extractor.</summary>
    public IReadOnlyList<SelectableField<TModel>> Selectable { get; }

    /// <summary>The names of <see cref="Selectable"/>, in the same order as every cached object's values.</summary>
    public SelectableFields Fields { get; }

    /// <summary>The log category of one of the kind's components, e.g. <c>KubeRpc.Cache.Services</c> for <c>Cache</c>.</summary>
    public string LogCategory(string component) => $"KubeRpc.{component}.{_pluralTitle}";

    private Func<TProto, string, TModel> ToKubernetesModel { get; }
}
