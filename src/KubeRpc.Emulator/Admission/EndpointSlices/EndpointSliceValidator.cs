using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.EndpointSlices;

/// <summary>
/// A subset of <c>ValidateEndpointSlice</c> and <c>ValidateEndpointSliceUpdate</c> of k/k
/// <c>pkg/apis/discovery/validation/validation.go</c> (release-1.32): addressType required, one of FQDN, IPv4, IPv6 and
/// immutable; at most 1000 endpoints, each with 1 to 100 addresses of the slice's type; ports with a unique DNS label
/// (or empty) name, a supported protocol and a valid port number. Topology, hints and targetRef are stored as given.
/// </summary>
internal static class EndpointSliceValidator
{
    private const int MaxEndpoints = 1000;
    private const int MaxAddresses = 100;
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath AddressTypePath = new("addressType");
    private static readonly FieldPath EndpointsPath = new("endpoints");
    private static readonly FieldPath PortsPath = new("ports");

    public static List<FieldError> Validate(V1EndpointSlice slice, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(slice.Metadata ?? new V1ObjectMeta(), true, nameFn, Metadata);
        var addressType = slice.AddressType ?? "";
        if (addressType.Length == 0)
        {
            errs.Add(FieldError.Required(AddressTypePath));
        }
        else if (!AddressTypes.Contains(addressType, StringComparer.Ordinal))
        {
            errs.Add(FieldError.NotSupported(AddressTypePath, addressType, AddressTypes));
        }
        errs.AddRange(ValidateEndpoints(slice.Endpoints ?? [], addressType));
        errs.AddRange(ValidatePorts(slice.Ports ?? []));
        return errs;
    }

    public static List<FieldError> ValidateUpdate(V1EndpointSlice slice, V1EndpointSlice old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(slice.Metadata ?? new V1ObjectMeta(), old.Metadata ?? new V1ObjectMeta(), Metadata);
        errs.AddRange(Validate(slice, nameFn).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal)));
        if (!string.Equals(slice.AddressType, old.AddressType, StringComparison.Ordinal))
        {
            errs.Add(FieldError.Invalid(AddressTypePath, slice.AddressType ?? "", "field is immutable"));
        }
        return errs;
    }

    private static IEnumerable<FieldError> ValidateEndpoints(IList<V1Endpoint> endpoints, string addressType)
    {
        if (endpoints.Count > MaxEndpoints)
        {
            yield return new FieldError(FieldErrorType.TooMany, EndpointsPath, endpoints.Count, $"must have at most {MaxEndpoints} items");
            yield break;
        }
        for (var i = 0; i < endpoints.Count; i++)
        {
            var path = EndpointsPath.Index(i).Child("addresses");
            var addresses = endpoints[i].Addresses ?? [];
            if (addresses.Count == 0)
            {
                yield return FieldError.Required(path, "must contain at least 1 address");
            }
            else if (addresses.Count > MaxAddresses)
            {
                yield return new FieldError(FieldErrorType.TooMany, path, addresses.Count, $"must have at most {MaxAddresses} items");
            }
            for (var j = 0; j < addresses.Count; j++)
            {
                var messages = addressType switch
                {
                    "IPv4" => NameValidation.IsValidIPv4Address(addresses[j]),
                    "IPv6" => NameValidation.IsValidIPv6Address(addresses[j]),
                    _ => [],
                };
                foreach (var message in messages)
                {
                    yield return FieldError.Invalid(path.Index(j), addresses[j], message);
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidatePorts(IList<Discoveryv1EndpointPort> ports)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = PortsPath.Index(i);
            var port = ports[i];
            var name = port.Name ?? "";
            if (name.Length > 0)
            {
                foreach (var message in NameValidation.IsDns1123Label(name))
                {
                    yield return FieldError.Invalid(path.Child("name"), name, message);
                }
            }
            if (!names.Add(name))
            {
                yield return FieldError.Duplicate(path.Child("name"), name);
            }
            if (string.IsNullOrEmpty(port.Protocol))
            {
                yield return FieldError.Required(path.Child("protocol"));
            }
            else if (!Protocols.Contains(port.Protocol, StringComparer.Ordinal))
            {
                yield return FieldError.NotSupported(path.Child("protocol"), port.Protocol, Protocols);
            }
            if (port.Port is { } number)
            {
                foreach (var message in NameValidation.IsValidPortNum(number))
                {
                    yield return FieldError.Invalid(path.Child("port"), number, message);
                }
            }
        }
    }
}
