using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// core/v1 Service admission as kube-apiserver 1.32 does it: <c>SetDefaults_Service</c>, the service REST
/// storage's <c>beginCreate</c>/<c>beginUpdate</c> (cluster IP and node port allocation), <c>svcStrategy</c>
/// (status handling, <c>dropTypeDependentFields</c>) and <c>ValidateService*</c>, metadata included.
/// </summary>
/// <remarks>
/// Allocation state lives in <see cref="ClusterIps"/> and <see cref="NodePorts"/> and follows committed objects only:
/// <see cref="OnCommitted"/> reserves what a stored Service holds and releases what it let go. Picking values in
/// <see cref="BeginCreate"/>/<see cref="BeginUpdate"/> reserves nothing, so dry runs and rejected writes leave no
/// trace. Allocation failures that Go reports as internal errors are thrown as <see cref="Api.ApiException"/> (500).
/// </remarks>
public sealed class ServiceStrategy : ResourceStrategy
{
    private readonly ServiceAllocation _allocation;

    public ServiceStrategy(ClusterIpAllocator? clusterIps = null, NodePortAllocator? nodePorts = null)
    {
        ClusterIps = clusterIps ?? new ClusterIpAllocator();
        NodePorts = nodePorts ?? new NodePortAllocator();
        _allocation = new ServiceAllocation(ClusterIps, NodePorts);
    }

    /// <summary>The service CIDR pool (10.96.0.0/12 by default).</summary>
    public ClusterIpAllocator ClusterIps { get; }

    /// <summary>The node port pool (30000-32767 by default).</summary>
    public NodePortAllocator NodePorts { get; }

    public override bool AllowCreateOnUpdate => true;

    public override bool ReturnDeletedObject => true;

    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDns1035Label(name, prefix);

    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) => ServiceDefaults.Apply(Service(obj));

    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var service = Service(obj);
        ServiceNormalization.NormalizeClusterIPs(service, null);
        var errs = ServiceIpFamilies.Init(service, null);
        return errs.Count > 0 ? errs : _allocation.Create(service, context.DryRun);
    }

    public override IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var service = Service(obj);
        var previous = Service(old);
        ServiceNormalization.PatchAllocatedValues(service, previous);
        ServiceNormalization.NormalizeClusterIPs(service, previous);
        var errs = ServiceIpFamilies.Init(service, previous);
        return errs.Count > 0 ? errs : _allocation.Update(service, previous, context.DryRun);
    }

    /// <summary>Status is the controllers' to write: a new Service starts with <c>{"loadBalancer":{}}</c>.</summary>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) =>
        Service(obj).Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus() };

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var service = Service(obj);
        var previous = Service(old);
        service.Status = CopyStatus(previous.Status);
        ServiceNormalization.DropTypeDependentFields(service, previous);
    }

    /// <summary>A <c>/status</c> write changes status only: spec and the user-set metadata come from the stored object.</summary>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var service = Service(obj);
        var previous = Service(old);
        // kube-apiserver defaults while decoding, so the ipMode default applies to /status bodies too.
        ServiceDefaults.ApplyStatus(service, service.Spec?.Type ?? previous.Spec?.Type);
        var copy = Copy(previous);
        service.Spec = copy.Spec;
        service.Status ??= new V1ServiceStatus();
        service.Status.LoadBalancer ??= new V1LoadBalancerStatus();
        var meta = service.Metadata ??= new V1ObjectMeta();
        meta.Labels = copy.Metadata?.Labels;
        meta.Annotations = copy.Metadata?.Annotations;
        meta.Finalizers = copy.Metadata?.Finalizers;
        meta.OwnerReferences = copy.Metadata?.OwnerReferences;
        meta.DeletionTimestamp = copy.Metadata?.DeletionTimestamp;
        meta.Generation = copy.Metadata?.Generation;
    }

    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        ServiceValidator.Validate(Service(obj));

    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var service = Service(obj);
        var previous = Service(old);
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(service.Metadata ?? new V1ObjectMeta(),
            previous.Metadata ?? new V1ObjectMeta(), new FieldPath("metadata"), coreFinalizerNames: true);
        errs.AddRange(ServiceClusterIpValidator.ValidateUpgradeDowngradeClusterIPs(previous, service));
        errs.AddRange(ServiceClusterIpValidator.ValidateUpgradeDowngradeIPFamilies(previous, service));
        errs.AddRange(ServiceTrafficValidator.ValidateLoadBalancerClass(previous, service));
        errs.AddRange(ServiceTrafficValidator.ValidateExternalTrafficFieldsUpdate(previous, service));
        errs.AddRange(ServiceValidator.Validate(service));
        return errs;
    }

    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var service = Service(obj);
        var previous = Service(old);
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(service.Metadata ?? new V1ObjectMeta(),
            previous.Metadata ?? new V1ObjectMeta(), new FieldPath("metadata"), coreFinalizerNames: true);
        errs.AddRange(ServiceStatusValidator.ValidateLoadBalancerStatus(service.Status?.LoadBalancer, service.Spec(), new FieldPath("status.loadBalancer")));
        return errs;
    }

    /// <summary>Raised after any Service change is stored (the EndpointSlice controller follows selectors and ports).</summary>
    public event Action? Changed;

    /// <summary>Frees what <paramref name="old"/> held and <paramref name="current"/> no longer holds; reserves what current holds.</summary>
    public override void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current)
    {
        var before = old is null ? null : Service(old);
        var after = current is null ? null : Service(current);
        Changed?.Invoke();
        var owner = Owner(after ?? before);
        if (owner is null)
        {
            return;
        }
        var (oldIps, oldPorts) = Holdings(before);
        var (newIps, newPorts) = Holdings(after);
        foreach (var ip in oldIps.Except(newIps))
        {
            ClusterIps.Release(ip, owner);
        }
        foreach (var port in oldPorts.Except(newPorts))
        {
            NodePorts.Release(port, owner);
        }
        foreach (var ip in newIps)
        {
            ClusterIps.Reserve(ip, owner);
        }
        foreach (var port in newPorts)
        {
            NodePorts.Reserve(port, owner);
        }
    }

    private static (HashSet<string> Ips, HashSet<int> Ports) Holdings(V1Service? service)
    {
        if (service is null)
        {
            return ([], []);
        }
        var ips = service.Spec().Type != ExternalName && !IsHeadless(service)
            ? (service.Spec().ClusterIPs ?? []).Where(ip => ip != None && ip.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
        var ports = ServiceSpecs.NodePorts(service).ToHashSet();
        if (service.HealthCheckNodePortOf() != 0)
        {
            ports.Add(service.HealthCheckNodePortOf());
        }
        return (ips, ports);
    }

    private static string? Owner(V1Service? service) =>
        service?.Metadata is { } meta ? (meta.NamespaceProperty ?? "") + "/" + meta.Name : null;

    private static V1ServiceStatus CopyStatus(V1ServiceStatus? status)
    {
        var copy = status is null ? new V1ServiceStatus() : KubernetesJson.Deserialize<V1ServiceStatus>(KubernetesJson.Serialize(status));
        copy.LoadBalancer ??= new V1LoadBalancerStatus();
        return copy;
    }

    private static V1Service Service(IKubernetesObject<V1ObjectMeta> obj) =>
        obj as V1Service ?? throw new ArgumentException($"expected a V1Service, got {obj.GetType().Name}", nameof(obj));
}
