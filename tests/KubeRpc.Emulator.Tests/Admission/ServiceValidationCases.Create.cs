using k8s.Models;

namespace KubeRpc.Emulator.Tests.Admission;

public static partial class ServiceValidationCases
{
    /// <summary>One case per create-time rule of the §9 Service table (plus metadata), in table order.</summary>
    public static IReadOnlyList<ServiceCreateCase> Create { get; } =
    [
        new("name not a DNS-1035 label", s => s.Metadata.Name = "Web", "metadata.name", Invalid, $"Invalid value: \"Web\": {Dns1035Message}"),
        new("name starting with a digit", s => s.Metadata.Name = "1web", "metadata.name", Invalid, $"Invalid value: \"1web\": {Dns1035Message}"),
        new("name too long", s => s.Metadata.Name = new string('a', 64), "metadata.name", Invalid, $"Invalid value: \"{new string('a', 64)}\": must be no more than 63 characters"),
        new("name missing", s => s.Metadata.Name = null, "metadata.name", Required, "Required value: name or generateName is required"),
        new("generateName not a DNS-1035 label", s => s.Metadata.GenerateName = "Web-", "metadata.generateName", Invalid, $"Invalid value: \"Web-\": {Dns1035Message}"),
        new("label value invalid", s => s.Metadata.Labels = new Dictionary<string, string> { ["app"] = "-x" }, "metadata.labels", Invalid,
            "Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        new("topology annotations disagree", s => s.Metadata.Annotations = new Dictionary<string, string> { ["service.kubernetes.io/topology-mode"] = "Auto", ["service.kubernetes.io/topology-aware-hints"] = "Disabled" },
            "metadata.annotations[service.kubernetes.io/topology-mode]", Invalid, "Invalid value: \"Auto\": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified"),
        new("ports missing", s => s.Spec.Ports = [], "spec.ports", Required, "Required value"),
        new("second port without name", s => s.Spec.Ports = [Port("http", 80), Port(null, 443)], "spec.ports[1].name", Required, "Required value"),
        new("port name not a DNS-1123 label", s => s.Spec.Ports[0].Name = "HTTP", "spec.ports[0].name", Invalid, $"Invalid value: \"HTTP\": {Dns1123LabelMessage}"),
        new("port name with dots", s => s.Spec.Ports[0].Name = "a.b", "spec.ports[0].name", Invalid, "Invalid value: \"a.b\": must not contain dots"),
        new("port names duplicated", s => s.Spec.Ports = [Port("http", 80), Port("http", 443)], "spec.ports[1].name", Duplicate, "Duplicate value: \"http\""),
        new("port zero", s => s.Spec.Ports[0].Port = 0, "spec.ports[0].port", Invalid, $"Invalid value: 0: {PortRangeMessage}"),
        new("port above 65535", s => s.Spec.Ports[0].Port = 65536, "spec.ports[0].port", Invalid, $"Invalid value: 65536: {PortRangeMessage}"),
        new("protocol unsupported", s => s.Spec.Ports[0].Protocol = "HTTP", "spec.ports[0].protocol", NotSupported, "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        new("targetPort number out of range", s => s.Spec.Ports[0].TargetPort = 70000, "spec.ports[0].targetPort", Invalid, $"Invalid value: 70000: {PortRangeMessage}"),
        new("targetPort defaulted from port zero", s => { s.Spec.Ports[0].Port = 0; s.Spec.Ports[0].TargetPort = null; }, "spec.ports[0].targetPort", Invalid, $"Invalid value: 0: {PortRangeMessage}"),
        new("targetPort name with double hyphen", s => s.Spec.Ports[0].TargetPort = "web--http", "spec.ports[0].targetPort", Invalid, "Invalid value: \"web--http\": must not contain consecutive hyphens"),
        new("targetPort name too long", s => s.Spec.Ports[0].TargetPort = "abcdefghijklmnop", "spec.ports[0].targetPort", Invalid, "Invalid value: \"abcdefghijklmnop\": must be no more than 15 characters"),
        new("targetPort name upper case", s => s.Spec.Ports[0].TargetPort = "Http", "spec.ports[0].targetPort", Invalid, "Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
        new("appProtocol not a qualified name", s => s.Spec.Ports[0].AppProtocol = "-h2c", "spec.ports[0].appProtocol", Invalid, $"Invalid value: \"-h2c\": {QualifiedNameMessage}"),
        new("duplicate protocol and port", s => s.Spec.Ports = [Port("a", 80), Port("b", 80)], "spec.ports[1]", Duplicate,
            "Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"),
        new("duplicate protocol and nodePort", s => { s.Spec.Type = "NodePort"; s.Spec.Ports = [Port("a", 80, 30080), Port("b", 80, 30080)]; }, "spec.ports[1].nodePort", Duplicate, "Duplicate value: 30080"),
        new("nodePort on ClusterIP", s => s.Spec.Ports[0].NodePort = 30080, "spec.ports[0].nodePort", Forbidden, "Forbidden: may not be used when `type` is 'ClusterIP'"),
        new("nodePort out of range", s => { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = 80; }, "spec.ports[0].nodePort", Invalid,
            "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"),
        new("nodePort already allocated", s => { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = 30080; }, "spec.ports[0].nodePort", Invalid, "Invalid value: 30080: provided port is already allocated")
        {
            Existing = [WithNodePort("holder", 30080)],
        },
        new("nodePort held as another Service's health check port", s => { s.Spec.Type = "NodePort"; s.Spec.Ports[0].NodePort = 30090; }, "spec.ports[0].nodePort", Invalid, "Invalid value: 30090: provided port is already allocated")
        {
            Existing = [HealthChecked("holder", 30090)],
        },
        new("nodePort used twice in one Service", s => { s.Spec.Type = "NodePort"; s.Spec.Ports = [Port("a", 80, 30080), Port("b", 81, 30080)]; }, "spec.ports[1].nodePort", Invalid, "Invalid value: 30080: provided port is already allocated"),
        new("type unsupported", s => s.Spec.Type = "Ingress", "spec.type", NotSupported, "Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
        new("clusterIPs[0] differs from clusterIP", s => { s.Spec.ClusterIP = "10.96.0.10"; s.Spec.ClusterIPs = ["10.96.0.11"]; }, "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"10.96.0.11\"}: first value must match `clusterIP`"),
        new("clusterIPs without clusterIP", s => s.Spec.ClusterIPs = ["10.96.0.11"], "spec.clusterIPs", Invalid, "Invalid value: []string{\"10.96.0.11\"}: must be empty when `clusterIP` is not specified"),
        new("clusterIPs more than two", s => { s.Spec.ClusterIP = "10.96.0.10"; s.Spec.ClusterIPs = ["10.96.0.10", "fd00::10", "10.96.0.12"]; }, "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"10.96.0.10\", \"fd00::10\", \"10.96.0.12\"}: may only hold up to 2 values"),
        new("two clusterIPs of one family", s => { s.Spec.ClusterIP = "10.96.0.10"; s.Spec.ClusterIPs = ["10.96.0.10", "10.96.0.11"]; }, "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"10.96.0.10\", \"10.96.0.11\"}: may specify no more than one IP for each IP family"),
        new("None with a second clusterIP", s => { s.Spec.ClusterIP = "None"; s.Spec.ClusterIPs = ["None", "10.96.0.10"]; }, "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"None\", \"10.96.0.10\"}: 'None' must be the first and only value"),
        new("clusterIP not an IP", s => s.Spec.ClusterIP = "bogus", "spec.clusterIPs[0]", Invalid, $"Invalid value: \"bogus\": {BadIPMessage}"),
        new("None for LoadBalancer", s => { s.Spec.Type = "LoadBalancer"; s.Spec.ClusterIP = "None"; }, "spec.clusterIPs[0]", Invalid, "Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"),
        new("None for NodePort", s => { s.Spec.Type = "NodePort"; s.Spec.ClusterIP = "None"; }, "spec.clusterIPs[0]", Invalid, "Invalid value: \"None\": may not be set to 'None' for NodePort services"),
        new("clusterIP outside the service CIDR", s => s.Spec.ClusterIP = "192.168.0.1", "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"192.168.0.1\"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12"),
        new("clusterIP is the network address", s => s.Spec.ClusterIP = "10.96.0.0", "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"10.96.0.0\"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12"),
        new("clusterIP already allocated", s => s.Spec.ClusterIP = "10.96.0.10", "spec.clusterIPs", Invalid,
            "Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: provided IP is already allocated")
        {
            Existing = [WithClusterIP("holder", "10.96.0.10")],
        },
        new("IPv6 clusterIP on an IPv4 cluster", s => s.Spec.ClusterIP = "fd00::10", "spec.clusterIPs[0]", Invalid, "Invalid value: []string{\"fd00::10\"}: IPv6 is not configured on this cluster"),
        new("externalName missing", s => s.Spec.Type = "ExternalName", "spec.externalName", Required, "Required value"),
        new("externalName not a DNS subdomain", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "Example.com"; }, "spec.externalName", Invalid, $"Invalid value: \"Example.com\": {Dns1123SubdomainMessage}"),
        new("clusterIP on ExternalName", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "example.com"; s.Spec.ClusterIP = "10.96.0.10"; }, "spec.clusterIPs", Forbidden, "Forbidden: may not be set for ExternalName services"),
        new("ipFamilies on ExternalName", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "example.com"; s.Spec.IpFamilies = ["IPv4"]; }, "spec.ipFamilies", Forbidden, "Forbidden: may not be set for ExternalName services"),
        new("ipFamilyPolicy on ExternalName", s => { s.Spec.Type = "ExternalName"; s.Spec.ExternalName = "example.com"; s.Spec.IpFamilyPolicy = "SingleStack"; }, "spec.ipFamilyPolicy", Forbidden, "Forbidden: may not be set for ExternalName services"),
        new("selector key invalid", s => s.Spec.Selector = new Dictionary<string, string> { ["app/"] = "web" }, "spec.selector", Invalid, "Invalid value: \"app/\": name part must be non-empty"),
        new("sessionAffinity unsupported", s => s.Spec.SessionAffinity = "Sticky", "spec.sessionAffinity", NotSupported, "Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""),
        new("ClientIP timeout zero", s => { s.Spec.SessionAffinity = "ClientIP"; s.Spec.SessionAffinityConfig = new() { ClientIP = new() { TimeoutSeconds = 0 } }; },
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", Invalid, "Invalid value: 0: must be greater than 0 and less than 86400"),
        new("ClientIP timeout above a day", s => { s.Spec.SessionAffinity = "ClientIP"; s.Spec.SessionAffinityConfig = new() { ClientIP = new() { TimeoutSeconds = 86401 } }; },
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", Invalid, "Invalid value: 86401: must be greater than 0 and less than 86400"),
        new("externalIP not an IP", s => s.Spec.ExternalIPs = ["bogus"], "spec.externalIPs[0]", Invalid, $"Invalid value: \"bogus\": {BadIPMessage}"),
        new("externalIP loopback", s => s.Spec.ExternalIPs = ["127.0.0.1"], "spec.externalIPs[0]", Invalid, "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"),
        new("externalIP unspecified", s => s.Spec.ExternalIPs = ["0.0.0.0"], "spec.externalIPs[0]", Invalid, "Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)"),
        new("externalIP link-local", s => s.Spec.ExternalIPs = ["169.254.1.1"], "spec.externalIPs[0]", Invalid, "Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)"),
        new("externalTrafficPolicy on internal ClusterIP", s => s.Spec.ExternalTrafficPolicy = "Local", "spec.externalTrafficPolicy", Invalid, "Invalid value: \"Local\": may only be set for externally-accessible services"),
        new("externalTrafficPolicy unsupported", s => { s.Spec.Type = "NodePort"; s.Spec.ExternalTrafficPolicy = "Global"; }, "spec.externalTrafficPolicy", NotSupported,
            "Unsupported value: \"Global\": supported values: \"Cluster\", \"Local\""),
        new("healthCheckNodePort without LoadBalancer Local", s => { s.Spec.Type = "NodePort"; s.Spec.HealthCheckNodePort = 30500; }, "spec.healthCheckNodePort", Invalid,
            "Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
        new("loadBalancerSourceRanges without LoadBalancer", s => s.Spec.LoadBalancerSourceRanges = ["10.0.0.0/8"], "spec.LoadBalancerSourceRanges", Forbidden, "Forbidden: may only be used when `type` is 'LoadBalancer'"),
        new("loadBalancerSourceRanges not a CIDR", s => { s.Spec.Type = "LoadBalancer"; s.Spec.LoadBalancerSourceRanges = [" 10.0.0.0/33 "]; }, "spec.LoadBalancerSourceRanges[0]", Invalid, $"Invalid value: \"10.0.0.0/33\": {BadCidrMessage}"),
        new("source-ranges annotation not a CIDR", s => { s.Spec.Type = "LoadBalancer"; s.Metadata.Annotations = new Dictionary<string, string> { ["service.beta.kubernetes.io/load-balancer-source-ranges"] = "10.0.0.0/8, bogus" }; },
            "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]", Invalid, $"Invalid value: \"bogus\": {BadCidrMessage}"),
        new("allocateLoadBalancerNodePorts without LoadBalancer", s => s.Spec.AllocateLoadBalancerNodePorts = false, "spec.allocateLoadBalancerNodePorts", Forbidden, "Forbidden: may only be used when `type` is 'LoadBalancer'"),
        new("loadBalancerClass without LoadBalancer", s => s.Spec.LoadBalancerClass = "example.com/lb", "spec.loadBalancerClass", Forbidden, "Forbidden: may only be used when `type` is 'LoadBalancer'"),
        new("loadBalancerClass not a qualified name", s => { s.Spec.Type = "LoadBalancer"; s.Spec.LoadBalancerClass = "example.com/-lb"; }, "spec.loadBalancerClass", Invalid, $"Invalid value: \"example.com/-lb\": {QualifiedNameMessage}"),
        new("internalTrafficPolicy unsupported", s => s.Spec.InternalTrafficPolicy = "Node", "spec.internalTrafficPolicy", NotSupported, "Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\""),
        new("ipFamily unsupported", s => s.Spec.IpFamilies = ["IPv5"], "spec.ipFamilies[0]", NotSupported, "Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\""),
        new("ipFamilies duplicated", s => { s.Spec.IpFamilyPolicy = "PreferDualStack"; s.Spec.IpFamilies = ["IPv4", "IPv4"]; }, "spec.ipFamilies[1]", Duplicate, "Duplicate value: \"IPv4\""),
        new("ipFamilyPolicy unsupported", s => s.Spec.IpFamilyPolicy = "DualStack", "spec.ipFamilyPolicy", NotSupported,
            "Unsupported value: \"DualStack\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\""),
        new("RequireDualStack on a single-stack cluster", s => s.Spec.IpFamilyPolicy = "RequireDualStack", "spec.ipFamilyPolicy", Invalid, "Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services"),
        new("IPv6 family on an IPv4 cluster", s => s.Spec.IpFamilies = ["IPv6"], "spec.ipFamilies[0]", Invalid, "Invalid value: \"IPv6\": not configured on this cluster"),
        new("SingleStack with two families", s => { s.Spec.IpFamilyPolicy = "SingleStack"; s.Spec.IpFamilies = ["IPv4", "IPv6"]; }, "spec.ipFamilyPolicy", Invalid,
            "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"),
        new("trafficDistribution unsupported", s => s.Spec.TrafficDistribution = "Nearest", "spec.trafficDistribution", NotSupported, "Unsupported value: \"Nearest\": supported values: \"PreferClose\""),
    ];

    private static V1Service HealthChecked(string name, int healthCheckNodePort)
    {
        var service = NewService(name);
        service.Spec.Type = "LoadBalancer";
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.HealthCheckNodePort = healthCheckNodePort;
        return service;
    }

    private static V1Service WithClusterIP(string name, string clusterIP)
    {
        var service = NewService(name);
        service.Spec.ClusterIP = clusterIP;
        return service;
    }
}
