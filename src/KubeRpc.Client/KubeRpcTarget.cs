using KubeRpc.Machinery.Validation;

namespace KubeRpc.Client;

/// <summary>
/// A channel target of the <c>kuberpc</c> scheme: <c>kuberpc:///&lt;service&gt;.&lt;namespace&gt;[:&lt;port&gt;]</c>, e.g.
/// <c>kuberpc:///web.shop:grpc</c> is Service <c>web</c> in namespace <c>shop</c>, its port named <c>grpc</c>.
/// </summary>
/// <remarks>
/// The port is the Service's, as in the DNS name <c>web.shop.svc:grpc</c> would be: a name (<c>spec.ports[].name</c>), or
/// a number (<c>spec.ports[].port</c>, not the Pods' target port); each endpoint is then called on its own port of that
/// name. Omitted, it is the Service's only port, and a Service with several ports is an error that names them. The
/// namespace is required: a client outside the cluster has none to default to. The authority must be empty, as in
/// <c>dns:///host</c>: KubeRpc's own address is set in <see cref="KubeRpcResolverOptions.Address"/>.
/// </remarks>
public sealed record KubeRpcTarget
{
    /// <summary>The URI scheme, and the name of the resolver factory.</summary>
    public const string Scheme = "kuberpc";

    private const string Form = "kuberpc:///<service>.<namespace>[:<port name or number>]";

    private KubeRpcTarget(string service, string @namespace, string? portName, int? portNumber)
    {
        Service = service;
        Namespace = @namespace;
        PortName = portName;
        PortNumber = portNumber;
    }

    /// <summary>The Service's name.</summary>
    public string Service { get; }

    /// <summary>The Service's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The Service port's name; null when the target gives a number or no port.</summary>
    public string? PortName { get; }

    /// <summary>The Service port's number (<c>spec.ports[].port</c>); null when the target gives a name or no port.</summary>
    public int? PortNumber { get; }

    /// <summary>Reads <paramref name="target"/>; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static KubeRpcTarget Parse(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.OriginalString;
        if (!target.IsAbsoluteUri || !string.Equals(target.Scheme, Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(text, $"the scheme must be {Scheme}");
        }
        if (target.Authority.Length > 0)
        {
            throw Bad(text, $"the authority must be empty (three slashes); KubeRpc's own address is {nameof(KubeRpcResolverOptions)}.{nameof(KubeRpcResolverOptions.Address)}");
        }
        if (target.Query.Length > 0 || target.Fragment.Length > 0)
        {
            throw Bad(text, "a query or fragment is not part of a target");
        }
        return Parse(text, Uri.UnescapeDataString(target.AbsolutePath.TrimStart('/')));
    }

    /// <summary>Reads a target given as text.</summary>
    public static KubeRpcTarget Parse(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            throw Bad(target, "it is not an absolute URI");
        }
        return Parse(uri);
    }

    private static KubeRpcTarget Parse(string text, string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? path : path[..colon];
        var port = colon < 0 ? null : path[(colon + 1)..];
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            throw Bad(text, host.Length == 0 ? "it names no Service" : $"\"{host}\" names no namespace");
        }
        var service = host[..dot];
        var @namespace = host[(dot + 1)..];
        Check(text, "Service name", service, NameValidation.IsDns1035Label(service));
        Check(text, "namespace", @namespace, NameValidation.IsDns1123Label(@namespace));
        if (port is null)
        {
            return new KubeRpcTarget(service, @namespace, null, null);
        }
        if (port.Length > 0 && port.All(char.IsAsciiDigit))
        {
            var number = port.Length <= 5 ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : 0;
            Check(text, "port", port, NameValidation.IsValidPortNum(number));
            return new KubeRpcTarget(service, @namespace, null, number);
        }
        Check(text, "port name", port, NameValidation.IsValidPortName(port));
        return new KubeRpcTarget(service, @namespace, port, null);
    }

    /// <summary>The target as a URI, the form <see cref="Parse(Uri)"/> reads.</summary>
    public override string ToString() =>
        $"{Scheme}:///{Service}.{Namespace}" + (PortName ?? PortNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture)) switch
        {
            null => "",
            var port => ":" + port,
        };

    private static void Check(string text, string what, string value, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw Bad(text, $"{what} \"{value}\": {string.Join("; ", errors)}");
        }
    }

    private static FormatException Bad(string text, string why) =>
        new($"\"{text}\" is not a KubeRpc target ({Form}): {why}");
}
