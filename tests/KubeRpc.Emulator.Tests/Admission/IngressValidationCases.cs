using k8s.Models;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>How an Ingress validation case is written to the server.</summary>
public enum IngressCaseOperation
{
    /// <summary>POST the mutated <see cref="IngressValidationCases.Valid"/> Ingress.</summary>
    Create,

    /// <summary>Create the valid Ingress, then PUT it mutated.</summary>
    Update,

    /// <summary>Create the valid Ingress, then PUT its <c>/status</c> mutated.</summary>
    StatusUpdate,
}

/// <summary>One rule of the Ingress table: a change to a valid Ingress and the single cause kube-apiserver answers.</summary>
/// <param name="Description">Unique, human-readable name of the case.</param>
/// <param name="Operation">Which write the change is sent with.</param>
/// <param name="Mutate">Applied to a fresh copy of <see cref="IngressValidationCases.Valid"/> (or of the stored object).</param>
/// <param name="Field">The cause's <c>field</c>.</param>
/// <param name="Reason">The cause's <c>reason</c>.</param>
/// <param name="Message">The cause's <c>message</c>.</param>
public sealed record IngressValidationCase(
    string Description, IngressCaseOperation Operation, Action<V1Ingress> Mutate, string Field, string Reason, string Message)
{
    public override string ToString() => Description;
}

/// <summary>
/// Every rule of the Ingress validation table (kubernetes-api.md §9; k/k <c>pkg/apis/networking/validation</c>,
/// release-1.32) as data: each case breaks exactly one rule of an otherwise valid Ingress, so a test may drive it
/// through the strategy or end to end over HTTP and expect one 422 cause.
/// </summary>
public static class IngressValidationCases
{
    public const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
        + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + @"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Wildcard = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
        + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', "
        + @"regex used for validation is '\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
        + "'[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string Invalid = "FieldValueInvalid";
    private const string Required = "FieldValueRequired";
    private const string Path0 = "spec.rules[0].http.paths[0]";
    private const string Backend0 = Path0 + ".backend";

    /// <summary>A valid Ingress: one host rule with a Prefix path to a service port, and TLS for the host.</summary>
    public static V1Ingress Valid() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = "example.com",
                    Http = new V1HTTPIngressRuleValue { Paths = [ServicePath("/", "Prefix")] },
                },
            ],
            Tls = [new V1IngressTLS { Hosts = ["example.com"], SecretName = "web-tls" }],
        },
    };

    public static V1HTTPIngressPath ServicePath(string? path, string? pathType) => new()
    {
        Path = path,
        PathType = pathType,
        Backend = new V1IngressBackend
        {
            Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } },
        },
    };

    private static V1HTTPIngressPath FirstPath(V1Ingress i) => i.Spec.Rules[0].Http.Paths[0];

    private static V1IngressBackend FirstBackend(V1Ingress i) => FirstPath(i).Backend;

    private static IngressValidationCase C(string description, Action<V1Ingress> mutate, string field, string reason, string message) =>
        new(description, IngressCaseOperation.Create, mutate, field, reason, message);

    private static Action<V1Ingress> PathIs(string path, string pathType = "Prefix") => i =>
    {
        FirstPath(i).Path = path;
        FirstPath(i).PathType = pathType;
    };

    public static IReadOnlyList<IngressValidationCase> All { get; } =
    [
        C("metadata.name not a DNS subdomain", i => i.Metadata.Name = "Web_1",
            "metadata.name", Invalid, "Invalid value: \"Web_1\": " + Subdomain),
        C("neither rules nor defaultBackend", i => i.Spec = new V1IngressSpec(),
            "spec", Invalid, "Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"),
        C("empty rules and no defaultBackend", i => { i.Spec.Rules = []; i.Spec.Tls = null; },
            "spec", Invalid, "Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified"),
        C("host is an IP address", i => i.Spec.Rules[0].Host = "10.0.0.1",
            "spec.rules[0].host", Invalid, "Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address"),
        C("host not a DNS subdomain", i => i.Spec.Rules[0].Host = "Example.com",
            "spec.rules[0].host", Invalid, "Invalid value: \"Example.com\": " + Subdomain),
        C("wildcard host not leftmost", i => i.Spec.Rules[0].Host = "foo.*.example.com",
            "spec.rules[0].host", Invalid, "Invalid value: \"foo.*.example.com\": " + Wildcard),
        C("second rule host is checked at its index", i => i.Spec.Rules.Add(new V1IngressRule { Host = "bad_host" }),
            "spec.rules[1].host", Invalid, "Invalid value: \"bad_host\": " + Subdomain),
        C("http without paths", i => i.Spec.Rules[0].Http.Paths = [],
            "spec.rules[0].http.paths", Required, "Required value"),
        C("pathType missing", i => FirstPath(i).PathType = null,
            Path0 + ".pathType", Required, "Required value: pathType must be specified"),
        C("pathType unsupported", i => FirstPath(i).PathType = "Regex",
            Path0 + ".pathType", "FieldValueNotSupported",
            "Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\""),
        C("Prefix path relative", PathIs("foo"),
            Path0 + ".path", Invalid, "Invalid value: \"foo\": must be an absolute path"),
        C("Exact path empty", PathIs("", "Exact"),
            Path0 + ".path", Invalid, "Invalid value: \"\": must be an absolute path"),
        C("path contains //", PathIs("/a//b"),
            Path0 + ".path", Invalid, "Invalid value: \"/a//b\": must not contain '//'"),
        C("path contains /./", PathIs("/a/./b", "Exact"),
            Path0 + ".path", Invalid, "Invalid value: \"/a/./b\": must not contain '/./'"),
        C("path contains /../", PathIs("/a/../b"),
            Path0 + ".path", Invalid, "Invalid value: \"/a/../b\": must not contain '/../'"),
        C("path contains %2f", PathIs("/a%2fb"),
            Path0 + ".path", Invalid, "Invalid value: \"/a%2fb\": must not contain '%2f'"),
        C("path contains %2F", PathIs("/a%2Fb"),
            Path0 + ".path", Invalid, "Invalid value: \"/a%2Fb\": must not contain '%2F'"),
        C("path ends with /..", PathIs("/a/.."),
            Path0 + ".path", Invalid, "Invalid value: \"/a/..\": cannot end with '/..'"),
        C("path ends with /.", PathIs("/a/."),
            Path0 + ".path", Invalid, "Invalid value: \"/a/.\": cannot end with '/.'"),
        C("ImplementationSpecific path relative", PathIs("foo", "ImplementationSpecific"),
            Path0 + ".path", Invalid, "Invalid value: \"foo\": must be an absolute path"),
        C("backend with service and resource", i => FirstBackend(i).Resource = new V1TypedLocalObjectReference { Kind = "Bucket", Name = "b" },
            Backend0, Invalid, "Invalid value: \"\": cannot set both resource and service backends"),
        C("backend with neither service nor resource", i => FirstBackend(i).Service = null,
            Backend0, Invalid, "Invalid value: \"\": resource or service backend is required"),
        C("service name missing", i => FirstBackend(i).Service.Name = null,
            Backend0 + ".service.name", Required, "Required value"),
        C("service name not a DNS-1035 label", i => FirstBackend(i).Service.Name = "1web",
            Backend0 + ".service.name", Invalid, "Invalid value: \"1web\": " + Dns1035),
        C("service port with name and number", i => FirstBackend(i).Service.Port.Name = "http",
            Backend0, Invalid, "Invalid value: \"\": cannot set both port name & port number"),
        C("service port with neither name nor number", i => FirstBackend(i).Service.Port = new V1ServiceBackendPort(),
            Backend0, Required, "Required value: port name or number is required"),
        C("service port missing", i => FirstBackend(i).Service.Port = null,
            Backend0, Required, "Required value: port name or number is required"),
        C("service port name invalid", i => FirstBackend(i).Service.Port = new V1ServiceBackendPort { Name = "http_1" },
            Backend0 + ".service.port.name", Invalid,
            "Invalid value: \"http_1\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
        C("service port name too long", i => FirstBackend(i).Service.Port = new V1ServiceBackendPort { Name = "abcdefghijklmnop" },
            Backend0 + ".service.port.name", Invalid, "Invalid value: \"abcdefghijklmnop\": must be no more than 15 characters"),
        C("service port name without letters", i => FirstBackend(i).Service.Port = new V1ServiceBackendPort { Name = "8080" },
            Backend0 + ".service.port.name", Invalid, "Invalid value: \"8080\": must contain at least one letter (a-z)"),
        C("service port number too large", i => FirstBackend(i).Service.Port.Number = 65536,
            Backend0 + ".service.port.number", Invalid, "Invalid value: 65536: must be between 1 and 65535, inclusive"),
        C("service port number negative", i => FirstBackend(i).Service.Port.Number = -1,
            Backend0 + ".service.port.number", Invalid, "Invalid value: -1: must be between 1 and 65535, inclusive"),
        C("resource backend without kind", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { Name = "b" }; },
            Backend0 + ".resource.kind", Required, "Required value: kind is required"),
        C("resource backend without name", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { Kind = "Bucket" }; },
            Backend0 + ".resource.name", Required, "Required value: name is required"),
        C("resource backend kind with a slash", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { Kind = "a/b", Name = "b" }; },
            Backend0 + ".resource.kind", Invalid, "Invalid value: \"a/b\": may not contain '/'"),
        C("resource backend name with a percent", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { Kind = "Bucket", Name = "a%b" }; },
            Backend0 + ".resource.name", Invalid, "Invalid value: \"a%b\": may not contain '%'"),
        C("resource backend name is ..", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { Kind = "Bucket", Name = ".." }; },
            Backend0 + ".resource.name", Invalid, "Invalid value: \"..\": may not be '..'"),
        C("resource backend apiGroup not a DNS subdomain", i => { FirstBackend(i).Service = null; FirstBackend(i).Resource = new V1TypedLocalObjectReference { ApiGroup = "Example.com", Kind = "Bucket", Name = "b" }; },
            Backend0 + ".resource.apiGroup", Invalid, "Invalid value: \"Example.com\": " + Subdomain),
        C("defaultBackend without service or resource", i => i.Spec.DefaultBackend = new V1IngressBackend(),
            "spec.defaultBackend", Invalid, "Invalid value: \"\": resource or service backend is required"),
        C("defaultBackend service port out of range", i => i.Spec.DefaultBackend = new V1IngressBackend
            {
                Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 70000 } },
            },
            "spec.defaultBackend.service.port.number", Invalid, "Invalid value: 70000: must be between 1 and 65535, inclusive"),
        C("tls host not a DNS subdomain", i => i.Spec.Tls[0].Hosts[0] = "Example.com",
            "spec.tls[0].hosts[0]", Invalid, "Invalid value: \"Example.com\": " + Subdomain),
        C("tls wildcard host invalid", i => i.Spec.Tls[0].Hosts.Add("*"),
            "spec.tls[0].hosts[1]", Invalid, "Invalid value: \"*\": " + Wildcard),
        C("tls secretName not a Secret name", i => i.Spec.Tls[0].SecretName = "Web_TLS",
            "spec.tls[0].secretName", Invalid, "Invalid value: \"Web_TLS\": " + Subdomain),
        C("ingressClassName not a DNS subdomain", i => i.Spec.IngressClassName = "Nginx",
            "spec.ingressClassName", Invalid, "Invalid value: \"Nginx\": " + Subdomain),
        C("class annotation differs from ingressClassName", i =>
            {
                i.Spec.IngressClassName = "nginx";
                i.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = "traefik" };
            },
            "annotations.kubernetes.io/ingress.class", Invalid,
            "Invalid value: \"traefik\": must match `ingressClassName` when both are specified"),
        new("update: host becomes an IP address", IngressCaseOperation.Update, i => i.Spec.Rules[0].Host = "10.0.0.1",
            "spec.rules[0].host", Invalid, "Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address"),
        new("status: load balancer ip invalid", IngressCaseOperation.StatusUpdate,
            i => i.Status.LoadBalancer.Ingress = [new V1IngressLoadBalancerIngress { Ip = "300.1.1.1" }],
            "status.loadBalancer.ingress[0].ip", Invalid, "Invalid value: \"300.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        new("status: load balancer hostname is an IP", IngressCaseOperation.StatusUpdate,
            i => i.Status.LoadBalancer.Ingress = [new V1IngressLoadBalancerIngress { Hostname = "10.0.0.1" }],
            "status.loadBalancer.ingress[0].hostname", Invalid, "Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address"),
        new("status: load balancer hostname not a DNS subdomain", IngressCaseOperation.StatusUpdate,
            i => i.Status.LoadBalancer.Ingress = [new V1IngressLoadBalancerIngress { Ip = "10.0.0.1" }, new V1IngressLoadBalancerIngress { Hostname = "LB.example.com" }],
            "status.loadBalancer.ingress[1].hostname", Invalid, "Invalid value: \"LB.example.com\": " + Subdomain),
    ];

    /// <summary>The descriptions, for xunit's <c>MemberData</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Description });

    public static IngressValidationCase Get(string description) => All.Single(c => c.Description == description);
}
