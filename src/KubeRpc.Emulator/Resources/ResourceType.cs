using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Resources;

/// <summary>
/// Everything the emulator knows about one served resource: its names for discovery and URLs, its model
/// type, its registry strategy, its printer and its field selectors.
/// </summary>
public sealed class ResourceType
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Kind, e.g. <c>Service</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Resource (plural), e.g. <c>services</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular name, e.g. <c>service</c>.</summary>
    public required string Singular { get; init; }

    /// <summary>True when objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>The KubernetesClient model type, e.g. <c>V1Service</c>.</summary>
    public required Type ModelType { get; init; }

    /// <summary>The KubernetesClient list type, e.g. <c>V1ServiceList</c>.</summary>
    public required Type ListModelType { get; init; }

    /// <summary>Short names for kubectl, e.g. <c>svc</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories, e.g. <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Verbs on the collection and items.</summary>
    public required IReadOnlyList<string> Verbs { get; init; }

    /// <summary>Subresources with their verbs, parent first in discovery.</summary>
    public IReadOnlyList<SubresourceType> Subresources { get; init; } = [];

    /// <summary>Registry behaviour: defaults, allocation, validation.</summary>
    public required ResourceStrategy Strategy { get; init; }

    /// <summary>Table printer for kubectl's columns.</summary>
    public required ITablePrinter Printer { get; init; }

    /// <summary>Field selector labels beyond metadata.name and metadata.namespace, with their value getters.</summary>
    public IReadOnlyDictionary<string, Func<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>, string>> FieldSelectors { get; init; }
        = new Dictionary<string, Func<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>, string>>();

    /// <summary>
    /// For a resource served by code rather than storage (TokenReview, SubjectAccessReview: create only), what answers every
    /// request to it; null for stored kinds.
    /// </summary>
    internal Func<Http.ApiRequest, Http.ResourcePath, Http.ApiResponse>? Handler { get; init; }

    /// <summary><c>v1</c> or <c>networking.k8s.io/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary><c>services</c> or <c>ingresses.networking.k8s.io</c>, as NotFound messages name it.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary><c>Service</c> or <c>Ingress.networking.k8s.io</c>, as Invalid messages name it.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    /// <summary><c>ServiceList</c>.</summary>
    public string ListKind => Kind + "List";
}

/// <summary>A subresource such as <c>status</c> or <c>finalize</c>.</summary>
public sealed record SubresourceType(string Name, IReadOnlyList<string> Verbs)
{
    /// <summary>For a subresource served by code (<c>serviceaccounts/token</c>), what answers it; null for stored ones.</summary>
    internal Func<Http.ApiRequest, Http.ResourcePath, Http.ApiResponse>? Handler { get; init; }

    /// <summary>
    /// The kind a subresource takes and answers when it is not its parent's (<c>serviceaccounts/token</c>:
    /// authentication.k8s.io/v1 TokenRequest), as discovery names it; null for the parent's kind.
    /// </summary>
    internal OpenApi.GroupVersionKind? ResponseKind { get; init; }
}
