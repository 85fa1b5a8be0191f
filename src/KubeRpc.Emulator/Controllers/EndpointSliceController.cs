using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.EndpointSlices;
using KubeRpc.Emulator.Admission.Nodes;
using KubeRpc.Emulator.Admission.Pods;
using KubeRpc.Emulator.Admission.Services;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// kube-controller-manager's EndpointSlice controller, simplified: for each Service with a selector (not ExternalName)
/// it keeps IPv4 slices labelled with the service name and this controller's name and owned by the Service, holding
/// the endpoints of <see cref="EndpointSliceEndpoints"/>, at most <see cref="MaxEndpointsPerSlice"/> to a slice. An
/// endpoint stays in the slice it is in while its port set is unchanged; new ones fill slices with room, then new
/// slices. A Service with no endpoints has no slice (kube keeps an empty placeholder; see Sync). Managed slices of a Service
/// that is gone are deleted (nothing here garbage-collects by owner); those of a Service that lost its selector are
/// left as they are, as kube's controller leaves them; slices this controller does not manage are never touched. It
/// writes only when a slice's content changes.
/// </summary>
internal sealed class EndpointSliceController : IAsyncDisposable
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ControllerName = "endpointslice-controller.k8s.io";
    public const string HeadlessLabel = "service.kubernetes.io/headless";
    public const int MaxEndpointsPerSlice = 100;

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private readonly ObjectRegistry _registry;
    private readonly ServiceStrategy _services;
    private readonly PodStrategy _pods;
    private readonly NodeStrategy _nodes;
    private readonly EndpointSliceStrategy _slices;
    private readonly ReconcileLoop _loop;

    public EndpointSliceController(ObjectRegistry registry)
    {
        _registry = registry;
        _services = (ServiceStrategy)registry.Catalog.Services.Strategy;
        _pods = (PodStrategy)registry.Catalog.Pods.Strategy;
        _nodes = (NodeStrategy)registry.Catalog.Nodes.Strategy;
        _slices = (EndpointSliceStrategy)registry.Catalog.EndpointSlices.Strategy;
        _loop = new ReconcileLoop(Reconcile, Retry, passAtStart: true); // for what was stored before
        _services.Changed += _loop.Signal;
        _pods.Changed += _loop.Signal;
        _nodes.Changed += _loop.Signal;
        _slices.Changed += _loop.Signal; // a managed slice edited or deleted by someone else is put back
    }

    private ResourceType Slices => _registry.Catalog.EndpointSlices;

    /// <summary>One pass over every Service; false when a write failed and the pass should be repeated.</summary>
    private bool Reconcile()
    {
        var done = true;
        var pods = _registry.Store.Log(_registry.Catalog.Pods).Items.Values.Select(i => (V1Pod)i.Model)
            .ToLookup(p => p.Metadata.NamespaceProperty ?? "", StringComparer.Ordinal);
        var managed = _registry.Store.Log(Slices).Items.Values
            .Where(i => i.Metadata.Labels is { } l && l.TryGetValue(ManagedByLabel, out var by) && by == ControllerName)
            .ToLookup(i => (i.Namespace ?? "", i.Metadata.Labels!.TryGetValue(ServiceNameLabel, out var name) ? name : ""));
        var kept = new HashSet<(string, string)>();
        foreach (var item in _registry.Store.Log(_registry.Catalog.Services).Items.Values)
        {
            var service = (V1Service)item.Model;
            var key = (item.Namespace ?? "", item.Name);
            kept.Add(key);
            // As kube's controller: a Service without a selector (or of type ExternalName) gets nothing from it, and
            // the slices it made before are left as they are, to their owners.
            if (service.Spec?.Selector is not { Count: > 0 } || service.Spec.Type == "ExternalName")
            {
                continue;
            }
            done &= Sync(service, [.. managed[key]], pods[key.Item1]);
        }
        foreach (var orphaned in managed.Where(g => !kept.Contains(g.Key)).SelectMany(g => g))
        {
            done &= ReconcileLoop.TryWrite(() => _registry.Delete(Slices, orphaned.Namespace, orphaned.Name, new DeleteOptions(PreconditionUid: orphaned.Metadata.Uid)));
        }
        return done;
    }

    private bool Sync(V1Service service, List<StoredObject> existing, IEnumerable<V1Pod> pods)
    {
        // No endpoints, no slice: kube keeps an empty placeholder slice then, but here it would be a write behind every
        // Service created, which no client needs and which would move the cluster's resourceVersion under its callers.
        var desired = EndpointSliceEndpoints.Desired(service, pods, NodeNamed);
        var done = true;
        var byKey = existing.OrderBy(s => s.Name, StringComparer.Ordinal).ToLookup(s => EndpointSliceEndpoints.PortKey(((V1EndpointSlice)s.Model).Ports));
        foreach (var (key, group) in desired)
        {
            var pool = group.Endpoints.ToDictionary(e => e.TargetRef.Uid, StringComparer.Ordinal);
            var slots = new List<(StoredObject? Stored, List<V1Endpoint> Endpoints)>();
            foreach (var stored in byKey[key])
            {
                var stays = new List<V1Endpoint>();
                foreach (var endpoint in ((V1EndpointSlice)stored.Model).Endpoints ?? [])
                {
                    if (endpoint.TargetRef?.Uid is { } uid && pool.Remove(uid, out var current))
                    {
                        stays.Add(current);
                    }
                }
                slots.Add((stored, stays));
            }
            var rest = group.Endpoints.Where(e => pool.ContainsKey(e.TargetRef.Uid)).ToList();
            foreach (var slot in slots)
            {
                var room = Math.Min(MaxEndpointsPerSlice - slot.Endpoints.Count, rest.Count);
                slot.Endpoints.AddRange(rest.Take(room));
                rest.RemoveRange(0, room);
            }
            for (var i = 0; i < rest.Count; i += MaxEndpointsPerSlice)
            {
                slots.Add((null, rest.Skip(i).Take(MaxEndpointsPerSlice).ToList()));
            }
            foreach (var (stored, endpoints) in slots)
            {
                if (endpoints.Count == 0)
                {
                    done &= stored is null || Delete(stored);
                    continue;
                }
                done &= Write(service, stored, group.Ports, [.. endpoints.OrderBy(e => e.TargetRef.Name, StringComparer.Ordinal)]);
            }
        }
        foreach (var stale in byKey.Where(g => !desired.ContainsKey(g.Key)).SelectMany(g => g))
        {
            done &= Delete(stale);
        }
        return done;
    }

    private bool Write(V1Service service, StoredObject? stored, List<Discoveryv1EndpointPort>? ports, List<V1Endpoint>? endpoints)
    {
        // kube stores an empty list as none.
        ports = ports is { Count: > 0 } ? ports : null;
        endpoints = endpoints is { Count: > 0 } ? endpoints : null;
        var labels = Labels(service);
        var owners = new List<V1OwnerReference>
        {
            new() { ApiVersion = "v1", Kind = "Service", Name = service.Metadata.Name, Uid = service.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
        };
        if (stored is null)
        {
            var created = new V1EndpointSlice
            {
                ApiVersion = "discovery.k8s.io/v1", Kind = "EndpointSlice",
                Metadata = new V1ObjectMeta
                {
                    GenerateName = service.Metadata.Name + "-", NamespaceProperty = service.Metadata.NamespaceProperty, Labels = labels, OwnerReferences = owners,
                },
                AddressType = "IPv4", Ports = ports, Endpoints = endpoints,
            };
            return ReconcileLoop.TryWrite(() => _registry.Create(Slices, service.Metadata.NamespaceProperty, created, WriteOptions.Default));
        }
        var slice = (V1EndpointSlice)_registry.Store.Codec(Slices).Decode(stored.Json);
        var before = Content(slice);
        slice.Metadata.Labels = labels;
        slice.Metadata.OwnerReferences = owners;
        slice.Ports = ports;
        slice.Endpoints = endpoints;
        if (Content(slice) == before)
        {
            return true; // nothing changed: no write, no new resourceVersion
        }
        return ReconcileLoop.TryWrite(() => _registry.Update(Slices, stored.Namespace, stored.Name, slice, WriteOptions.Default, UpdateTarget.Main));
    }

    /// <summary>What the controller owns of a slice, as comparable text (ports carry their defaults once stored).</summary>
    private static string Content(V1EndpointSlice slice) => KubernetesJson.Serialize(new object?[]
    {
        slice.Metadata.Labels?.OrderBy(l => l.Key, StringComparer.Ordinal).ToList(), slice.Metadata.OwnerReferences,
        slice.Ports is { Count: > 0 } p ? p : null, slice.Endpoints is { Count: > 0 } e ? e : null,
    });

    /// <summary>The Service's own labels, then the ones the controller sets (kube's <c>setEndpointSliceLabels</c>).</summary>
    private static Dictionary<string, string> Labels(V1Service service)
    {
        var labels = (service.Metadata.Labels ?? new Dictionary<string, string>())
            .Where(l => l.Key is not (ServiceNameLabel or ManagedByLabel or HeadlessLabel))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        labels[ServiceNameLabel] = service.Metadata.Name;
        labels[ManagedByLabel] = ControllerName;
        if (service.Spec?.ClusterIP == "None")
        {
            labels[HeadlessLabel] = "";
        }
        return labels;
    }

    private bool Delete(StoredObject stored) =>
        ReconcileLoop.TryWrite(() => _registry.Delete(Slices, stored.Namespace, stored.Name, new DeleteOptions(PreconditionUid: stored.Metadata.Uid)));

    private V1Node? NodeNamed(string name) => _registry.Store.Get(_registry.Catalog.Nodes, null, name)?.Model as V1Node;

    public async ValueTask DisposeAsync()
    {
        _services.Changed -= _loop.Signal;
        _pods.Changed -= _loop.Signal;
        _nodes.Changed -= _loop.Signal;
        _slices.Changed -= _loop.Signal;
        await _loop.DisposeAsync();
    }
}
