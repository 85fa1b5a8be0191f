using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// Fills in cluster IPs and node ports the way <c>allocateCreate</c>/<c>allocateUpdate</c> do
/// (<c>registry/core/service/storage/alloc.go</c>): user-given values are checked, missing ones picked. Nothing
/// is reserved here; <see cref="ServiceStrategy.OnCommitted"/> reserves what the stored object holds.
/// Field errors come back as a list (422); what Go returns as an internal error is thrown as a 500.
/// </summary>
internal sealed class ServiceAllocation(ClusterIpAllocator ips, NodePortAllocator ports)
{
    public List<FieldError> Create(V1Service service, bool dryRun)
    {
        var errs = AllocateClusterIPs(service, dryRun);
        if (errs.Count > 0)
        {
            return errs;
        }
        var op = ports.StartOperation(dryRun);
        if (NeedsNodePort(service))
        {
            errs = InitNodePorts(service, op);
            if (errs.Count > 0)
            {
                return errs;
            }
        }
        if (NeedsHealthCheck(service))
        {
            AllocateHealthCheckNodePort(service, op);
        }
        return [];
    }

    public List<FieldError> Update(V1Service service, V1Service old, bool dryRun)
    {
        // Only a change from ExternalName needs new IPs: everything else keeps the primary, and this cluster is
        // single-stack, so there is no secondary family to add. Released IPs are freed by the commit.
        if (old.Spec().Type == ExternalName && service.Spec().Type != ExternalName)
        {
            var errs = AllocateClusterIPs(service, dryRun);
            if (errs.Count > 0)
            {
                return errs;
            }
        }
        var op = ports.StartOperation(dryRun);
        if (NeedsNodePort(service))
        {
            var errs = UpdateNodePorts(service, old, op);
            if (errs.Count > 0)
            {
                return errs;
            }
        }
        if (!NeedsHealthCheck(old) && NeedsHealthCheck(service))
        {
            AllocateHealthCheckNodePort(service, op);
        }
        return [];
    }

    private List<FieldError> AllocateClusterIPs(V1Service service, bool dryRun)
    {
        var spec = service.Spec();
        if (spec.Type == ExternalName || (spec.ClusterIPs is { Count: > 0 } list && list[0] == None))
        {
            return [];
        }
        spec.ClusterIPs ??= [];
        if (spec.ClusterIPs.Count == 0)
        {
            spec.ClusterIPs.Add("");
        }
        var requested = spec.ClusterIPs[0];
        if (requested.Length == 0)
        {
            var picked = ips.PickNext(dryRun)
                ?? throw Internal("failed to allocate a serviceIP: range is full");
            spec.ClusterIPs[0] = picked;
            spec.ClusterIP = picked;
            return [];
        }
        if (ips.Check(requested, dryRun) is { } problem)
        {
            return [FieldError.Invalid(new FieldPath("spec.clusterIPs"), GoValue.StringSlice(spec.ClusterIPs), $"failed to allocate IP {requested}: {problem}")];
        }
        spec.ClusterIP = requested;
        return [];
    }

    /// <summary><c>initNodePorts</c>: ports sharing a port number share one nodePort unless the user says otherwise.</summary>
    private static List<FieldError> InitNodePorts(V1Service service, NodePortOperation op)
    {
        var byServicePort = new Dictionary<int, int>();
        var list = service.PortList();
        for (var i = 0; i < list.Count; i++)
        {
            var port = list[i];
            if (port.NodePortOf() == 0 && !ShouldAllocateNodePorts(service))
            {
                continue;
            }
            var path = new FieldPath("spec.ports").Index(i).Child("nodePort");
            if (!byServicePort.TryGetValue(port.Port, out var assigned) || assigned == 0)
            {
                var requested = list.FirstOrDefault(p => p.Port == port.Port && p.NodePortOf() != 0)?.NodePortOf() ?? 0;
                if (requested != 0)
                {
                    if (op.Allocate(requested) is { } problem)
                    {
                        return [FieldError.Invalid(path, requested, problem)];
                    }
                    port.NodePort = requested;
                }
                else
                {
                    port.NodePort = op.AllocateNext() ?? throw Internal("failed to allocate a nodePort: range is full");
                }
                byServicePort[port.Port] = port.NodePortOf();
            }
            else if (port.NodePortOf() != assigned)
            {
                if (port.NodePortOf() == 0)
                {
                    port.NodePort = assigned;
                }
                else if (op.Allocate(port.NodePortOf()) is { } problem)
                {
                    return [FieldError.Invalid(path, port.NodePortOf(), problem)];
                }
            }
        }
        return [];
    }

    /// <summary><c>updateNodePorts</c>: ports the old object held stay valid; new ones are checked or picked.</summary>
    private static List<FieldError> UpdateNodePorts(V1Service service, V1Service old, NodePortOperation op)
    {
        var held = NodePorts(old).ToHashSet();
        var taken = new HashSet<int>();
        var seen = new HashSet<(string, int)>();
        var list = service.PortList();
        for (var i = 0; i < list.Count; i++)
        {
            var port = list[i];
            if (port.NodePortOf() == 0 && !ShouldAllocateNodePorts(service))
            {
                continue;
            }
            if (port.NodePortOf() != 0)
            {
                if (!held.Contains(port.NodePortOf()) && !taken.Contains(port.NodePortOf()))
                {
                    if (op.Allocate(port.NodePortOf()) is { } problem)
                    {
                        return [FieldError.Invalid(new FieldPath("spec.ports").Index(i).Child("nodePort"), port.NodePortOf(), problem)];
                    }
                    taken.Add(port.NodePortOf());
                }
            }
            else
            {
                port.NodePort = op.AllocateNext() ?? throw Internal("failed to allocate a nodePort: range is full");
            }
            if (!seen.Add((port.Protocol ?? "", port.NodePortOf())))
            {
                // Go returns a plain error here, which kube-apiserver turns into a reason-less 500; the request's
                // own ports are at fault, so the emulator answers 400 with the same words.
                throw ApiException.BadRequest($"duplicate nodePort: {{{port.Protocol} {port.NodePortOf()}}}");
            }
        }
        return [];
    }

    /// <summary>
    /// <c>allocHealthCheckNodePort</c>. kube-apiserver answers its failures with 500 InternalError, also for a requested
    /// port that is out of range or taken; that is the request's fault, so the emulator answers it with 400 and the
    /// same words, keeping 500 for a full range.
    /// </summary>
    private static void AllocateHealthCheckNodePort(V1Service service, NodePortOperation op)
    {
        var requested = service.HealthCheckNodePortOf();
        if (requested != 0)
        {
            if (op.Allocate(requested) is { } problem)
            {
                throw ApiException.BadRequest($"failed to allocate requested HealthCheck NodePort {requested}: {problem}");
            }
            return;
        }
        service.Spec().HealthCheckNodePort = op.AllocateNext()
            ?? throw Internal("failed to allocate a HealthCheck NodePort 0: range is full");
    }

    /// <summary><c>errors.NewInternalError</c>: 500, reason InternalError, one cause carrying the message.</summary>
    private static ApiException Internal(string message) =>
        new(500, "InternalError", "Internal error occurred: " + message,
            new StatusDetailsInfo(null, null, null, null, [new StatusCauseInfo("", message, null)]));
}
