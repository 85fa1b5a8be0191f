using k8s.Models;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>A create that must fail with one particular cause (among possibly others).</summary>
public sealed record ServiceCreateCase(string Description, Action<V1Service> Mutate, string Field, string Reason, string Message)
{
    /// <summary>Services to create first (e.g. holders of a port), in order.</summary>
    public IReadOnlyList<V1Service> Existing { get; init; } = [];

    public override string ToString() => Description;
}

/// <summary>An update (PUT of the stored object after <see cref="Update"/>) of a Service created from <see cref="Create"/>.</summary>
public sealed record ServiceUpdateCase(string Description, Action<V1Service> Create, Action<V1Service> Update, string Field, string Reason, string Message)
{
    /// <summary>Services to create first (e.g. holders of a port), in order.</summary>
    public IReadOnlyList<V1Service> Existing { get; init; } = [];

    public override string ToString() => Description;
}

/// <summary>
/// The Service rules of kubernetes-api.md §9 as data: each case names the cause kube-apiserver 1.32 answers with
/// (field, reason, message). Shared by the strategy tests and, later, the end-to-end HTTP tests.
/// </summary>
public static partial class ServiceValidationCases
{
    public const string Dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    public const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    public const string Dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string QualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    public const string BadIPMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public const string BadCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    public const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    public const string Invalid = "FieldValueInvalid";
    public const string Required = "FieldValueRequired";
    public const string NotSupported = "FieldValueNotSupported";
    public const string Duplicate = "FieldValueDuplicate";
    public const string Forbidden = "FieldValueForbidden";

    /// <summary>A valid ClusterIP Service <c>default/web</c>: selector app=web, one port 80 → 8080.</summary>
    public static V1Service NewService(string name = "web") => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
        },
    };

    /// <summary>A Service of <paramref name="type"/> with one port of the given nodePort.</summary>
    public static V1Service WithNodePort(string name, int nodePort, string type = "NodePort")
    {
        var service = NewService(name);
        service.Spec.Type = type;
        service.Spec.Ports[0].NodePort = nodePort;
        return service;
    }

    private static V1ServicePort Port(string? name, int port, int? nodePort = null, string? protocol = null) =>
        new() { Name = name, Port = port, NodePort = nodePort, Protocol = protocol };

    /// <summary>Looks a case up by its description (for xunit's serializable theory data).</summary>
    public static ServiceCreateCase CreateCase(string description) => Create.Single(c => c.Description == description);

    public static ServiceUpdateCase UpdateCase(string description) => Update.Single(c => c.Description == description);

    public static ServiceUpdateCase StatusCase(string description) => Status.Single(c => c.Description == description);

    public static TheoryData<string> CreateDescriptions => [.. Create.Select(c => c.Description)];

    public static TheoryData<string> UpdateDescriptions => [.. Update.Select(c => c.Description)];

    public static TheoryData<string> StatusDescriptions => [.. Status.Select(c => c.Description)];
}
