using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.NetworkPolicies;

/// <summary>
/// <c>ValidateNetworkPolicySpec</c> of k/k <c>pkg/apis/networking/validation/validation.go</c> (release-1.32): the pod
/// selector, every rule's ports (protocol, port number or name, endPort) and peers (exactly one kind when ipBlock is
/// used, at least one), ipBlock CIDRs with excepts strictly inside, and at most the two policy types.
/// </summary>
internal static class NetworkPolicyValidator
{
    private static readonly FieldPath Spec = new("spec");
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public static List<FieldError> ValidateSpec(V1NetworkPolicySpec spec, bool allowInvalidLabelValue)
    {
        var errs = LabelSelectorValidator.Validate(spec.PodSelector ?? new V1LabelSelector(), Spec.Child("podSelector"), allowInvalidLabelValue);
        var ingress = spec.Ingress ?? [];
        for (var i = 0; i < ingress.Count; i++)
        {
            var rulePath = Spec.Child("ingress").Index(i);
            errs.AddRange(ValidateRule(ingress[i].Ports, ingress[i].FromProperty, "from", rulePath, allowInvalidLabelValue));
        }
        var egress = spec.Egress ?? [];
        for (var i = 0; i < egress.Count; i++)
        {
            var rulePath = Spec.Child("egress").Index(i);
            errs.AddRange(ValidateRule(egress[i].Ports, egress[i].To, "to", rulePath, allowInvalidLabelValue));
        }
        var types = spec.PolicyTypes ?? [];
        if (types.Count > PolicyTypes.Length)
        {
            // The pointer to the slice is dereferenced before printing.
            errs.Add(FieldError.Invalid(Spec.Child("policyTypes"), GoValue.TypedStringSlice("networking.PolicyType", types),
                "may not specify more than two policyTypes"));
            return errs;
        }
        for (var i = 0; i < types.Count; i++)
        {
            if (!PolicyTypes.Contains(types[i]))
            {
                errs.Add(FieldError.NotSupported(Spec.Child("policyTypes").Index(i), types[i] ?? "", PolicyTypes));
            }
        }
        return errs;
    }

    private static IEnumerable<FieldError> ValidateRule(IList<V1NetworkPolicyPort>? ports, IList<V1NetworkPolicyPeer>? peers, string peersName,
        FieldPath path, bool allowInvalidLabelValue)
    {
        var portList = ports ?? [];
        for (var i = 0; i < portList.Count; i++)
        {
            foreach (var error in ValidatePort(portList[i], path.Child("ports").Index(i)))
            {
                yield return error;
            }
        }
        var peerList = peers ?? [];
        for (var i = 0; i < peerList.Count; i++)
        {
            foreach (var error in ValidatePeer(peerList[i], path.Child(peersName).Index(i), allowInvalidLabelValue))
            {
                yield return error;
            }
        }
    }

    /// <summary><c>ValidateNetworkPolicyPort</c>.</summary>
    private static IEnumerable<FieldError> ValidatePort(V1NetworkPolicyPort port, FieldPath path)
    {
        if (port.Protocol is { } protocol && !Protocols.Contains(protocol))
        {
            yield return FieldError.NotSupported(path.Child("protocol"), protocol, Protocols);
        }
        if (port.Port is null)
        {
            if (port.EndPort is { } orphan)
            {
                yield return FieldError.Invalid(path.Child("endPort"), (long)orphan, "may not be specified when `port` is not specified");
            }
            yield break;
        }
        if (!IntOrStrings.IsString(port.Port))
        {
            var number = IntOrStrings.IntValue(port.Port);
            foreach (var msg in NameValidation.IsValidPortNum(number))
            {
                yield return FieldError.Invalid(path.Child("port"), (long)number, msg);
            }
            if (port.EndPort is { } endPort)
            {
                if (endPort < number)
                {
                    // kube-apiserver reports the port, not the endPort, as the bad value here.
                    yield return FieldError.Invalid(path.Child("endPort"), (long)number, "must be greater than or equal to `port`");
                }
                foreach (var msg in NameValidation.IsValidPortNum(endPort))
                {
                    yield return FieldError.Invalid(path.Child("endPort"), (long)endPort, msg);
                }
            }
            yield break;
        }
        if (port.EndPort is { } named)
        {
            yield return FieldError.Invalid(path.Child("endPort"), (long)named, "may not be specified when `port` is non-numeric");
        }
        foreach (var msg in NameValidation.IsValidPortName(port.Port.Value ?? ""))
        {
            yield return FieldError.Invalid(path.Child("port"), port.Port.Value ?? "", msg);
        }
    }

    /// <summary><c>ValidateNetworkPolicyPeer</c>.</summary>
    private static IEnumerable<FieldError> ValidatePeer(V1NetworkPolicyPeer peer, FieldPath path, bool allowInvalidLabelValue)
    {
        var count = 0;
        if (peer.PodSelector is not null)
        {
            count++;
            foreach (var error in LabelSelectorValidator.Validate(peer.PodSelector, path.Child("podSelector"), allowInvalidLabelValue))
            {
                yield return error;
            }
        }
        if (peer.NamespaceSelector is not null)
        {
            count++;
            foreach (var error in LabelSelectorValidator.Validate(peer.NamespaceSelector, path.Child("namespaceSelector"), allowInvalidLabelValue))
            {
                yield return error;
            }
        }
        if (peer.IpBlock is not null)
        {
            count++;
            foreach (var error in ValidateIpBlock(peer.IpBlock, path.Child("ipBlock")))
            {
                yield return error;
            }
        }
        if (count == 0)
        {
            yield return FieldError.Required(path, "must specify a peer");
        }
        else if (count > 1 && peer.IpBlock is not null)
        {
            yield return FieldError.Forbidden(path, "may not specify both ipBlock and another peer");
        }
    }

    /// <summary><c>ValidateIPBlock</c>: a CIDR, and excepts that are strict subsets of it.</summary>
    private static IEnumerable<FieldError> ValidateIpBlock(V1IPBlock block, FieldPath path)
    {
        var cidr = block.Cidr ?? "";
        if (cidr.Length == 0)
        {
            yield return FieldError.Required(path.Child("cidr"));
            yield break;
        }
        foreach (var msg in NameValidation.IsValidCIDR(cidr))
        {
            yield return FieldError.Invalid(path.Child("cidr"), cidr, msg);
        }
        if (GoIp.ParseCidr(cidr) is not { } outer)
        {
            yield break;
        }
        var excepts = block.Except ?? [];
        for (var i = 0; i < excepts.Count; i++)
        {
            var exceptPath = path.Child("except").Index(i);
            var text = excepts[i] ?? "";
            foreach (var msg in NameValidation.IsValidCIDR(text))
            {
                yield return FieldError.Invalid(exceptPath, text, msg);
            }
            if (GoIp.ParseCidr(text) is not { } inner)
            {
                continue;
            }
            if (!Contains(outer, inner.Ip) || outer.Prefix >= inner.Prefix)
            {
                yield return FieldError.Invalid(exceptPath, text, "must be a strict subset of `cidr`");
            }
        }
    }

    // IPNet.Contains: same family, and the address agrees with the network on the prefix bits.
    private static bool Contains((byte[] Ip, int Prefix, int Bits) network, byte[] ip)
    {
        if (GoIp.IsIPv4(network.Ip) != GoIp.IsIPv4(ip))
        {
            return false;
        }
        var a = GoIp.IsIPv4(network.Ip) ? network.Ip[^4..] : network.Ip;
        var b = GoIp.IsIPv4(ip) ? ip[^4..] : ip;
        for (var bit = 0; bit < network.Prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
