using k8s.Models;
using KubeRpc.Emulator.Admission.Nodes;
using KubeRpc.Emulator.Admission.Pods;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// The scheduler and the kubelets of the seeded Nodes, simulated in the manner of kwok: a new Pod is bound to the Ready
/// node running the fewest pods, given an IP of the pod CIDR and reported Running with every container ready. Once a
/// pod is started its status is left to whoever writes it (a <c>/status</c> patch that makes it not ready stays). A
/// deleted pod is reported not ready for <see cref="EmulatorOptions.PodShutdown"/> (at most its grace period), then
/// deleted with a zero grace period, as a kubelet does when its containers have stopped.
/// </summary>
internal sealed class SimulatedKubelet : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private static readonly string[] RunningConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
    private readonly ObjectRegistry _registry;
    private readonly PodStrategy _strategy;
    private readonly NodeStrategy _nodes;
    private readonly PodIpAllocator _ips;
    private readonly TimeProvider _time;
    private readonly TimeSpan _shutdown;
    private readonly Dictionary<string, PodRecord> _pods = new(StringComparer.Ordinal); // by uid; loop thread only
    private readonly ReconcileLoop _loop;

    public SimulatedKubelet(ObjectRegistry registry, PodIpAllocator ips, EmulatorOptions options)
    {
        _registry = registry;
        _strategy = (PodStrategy)registry.Catalog.Pods.Strategy;
        _ips = ips;
        _time = options.TimeProvider;
        _shutdown = options.PodShutdown;
        _nodes = (NodeStrategy)registry.Catalog.Nodes.Strategy;
        // Retried when a write lost a race or no node was free.
        _loop = new ReconcileLoop(Reconcile, Retry, passAtStart: false);
        _strategy.Changed += _loop.Signal;
        _nodes.Changed += _loop.Signal;
    }

    private ResourceType Pods => _registry.Catalog.Pods;

    /// <summary>One pass over the stored pods; false when something is left to retry.</summary>
    private bool Reconcile()
    {
        var done = true;
        var items = _registry.Store.Log(Pods).Items.Values.ToList();
        // IPs of pods that are gone are freed first, so that a pending pod can have one in the same pass.
        var present = items.Select(i => i.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var (uid, record) in _pods.Where(p => !present.Contains(p.Key)).ToList())
        {
            if (record.Ip is { } ip)
            {
                _ips.Release(ip);
            }
            _pods.Remove(uid);
        }
        foreach (var item in items)
        {
            var uid = item.Metadata.Uid;
            var record = _pods.TryGetValue(uid, out var r) ? r : null;
            if (item.Metadata.DeletionTimestamp is not null)
            {
                if (record is not { ShuttingDown: true })
                {
                    done &= BeginShutdown(item, record ??= _pods[uid] = new PodRecord());
                }
            }
            else if (record is not { Started: true })
            {
                done &= Start(item, record ??= _pods[uid] = new PodRecord());
            }
        }
        return done;
    }

    private bool Start(StoredObject item, PodRecord record)
    {
        var pod = (V1Pod)item.Model;
        var nodeName = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(nodeName))
        {
            nodeName = PickNode();
            if (nodeName is null)
            {
                return true; // no Ready node: the pod stays Pending until a node change signals
            }
            var binding = Copy(item);
            binding.Spec!.NodeName = nodeName;
            if (!ReconcileLoop.TryWrite(() => _registry.Update(Pods, item.Namespace, item.Name, binding, WriteOptions.Default, UpdateTarget.Binding)))
            {
                return false;
            }
            if (_registry.Store.Get(Pods, item.Namespace, item.Name) is not { } bound)
            {
                return true;
            }
            item = bound;
        }
        var hostIp = NodeInternalIp(nodeName);
        if (pod.Spec?.HostNetwork == true)
        {
            record.Ip = null;
        }
        else if (record.Ip is null && (record.Ip = _ips.Allocate()) is null)
        {
            return true; // the CIDR is used up: the pod stays Pending
        }
        var running = Copy(item);
        running.Status = RunningStatus(running, record.Ip ?? hostIp, hostIp);
        if (!ReconcileLoop.TryWrite(() => _registry.Update(Pods, item.Namespace, item.Name, running, WriteOptions.Default, UpdateTarget.Status)))
        {
            return false;
        }
        record.Started = true;
        return true;
    }

    private bool BeginShutdown(StoredObject item, PodRecord record)
    {
        var pod = (V1Pod)item.Model;
        var grace = TimeSpan.FromSeconds(item.Metadata.DeletionGracePeriodSeconds ?? 0);
        if (grace > TimeSpan.Zero)
        {
            var stopping = Copy(item);
            var status = stopping.Status ??= new V1PodStatus();
            var now = Now();
            foreach (var condition in status.Conditions ?? [])
            {
                if (condition.Type is "Ready" or "ContainersReady" && condition.Status != "False")
                {
                    condition.Status = "False";
                    condition.LastTransitionTime = now;
                }
            }
            foreach (var container in status.ContainerStatuses ?? [])
            {
                container.Ready = false;
            }
            if (!ReconcileLoop.TryWrite(() => _registry.Update(Pods, item.Namespace, item.Name, stopping, WriteOptions.Default, UpdateTarget.Status)))
            {
                return false;
            }
        }
        record.ShuttingDown = true;
        var wait = grace < _shutdown ? grace : _shutdown;
        var uid = pod.Metadata.Uid;
        _ = FinishAfterAsync(wait, item.Namespace, item.Name, uid, _loop.Stopping);
        return true;
    }

    /// <summary>The kubelet's final delete once the containers stopped: zero grace period, for this very pod only.</summary>
    private async Task FinishAfterAsync(TimeSpan wait, string? ns, string name, string uid, CancellationToken token)
    {
        try
        {
            await Task.Delay(wait, _time, token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        ReconcileLoop.TryWrite(() => _registry.Delete(Pods, ns, name, new DeleteOptions(PreconditionUid: uid, GracePeriodSeconds: 0)));
    }

    /// <summary>The Ready, schedulable node with the fewest pods (by name among equals).</summary>
    private string? PickNode()
    {
        var counts = _registry.Store.Log(Pods).Items.Values
            .Select(p => ((V1Pod)p.Model).Spec?.NodeName)
            .Where(n => !string.IsNullOrEmpty(n))
            .GroupBy(n => n!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return _registry.Store.Log(_registry.Catalog.Nodes).Items.Values
            .Select(n => (V1Node)n.Model)
            .Where(n => n.Spec?.Unschedulable != true && (n.Status?.Conditions ?? []).Any(c => c.Type == "Ready" && c.Status == "True"))
            .OrderBy(n => counts.GetValueOrDefault(n.Metadata.Name))
            .ThenBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(n => n.Metadata.Name)
            .FirstOrDefault();
    }

    private string? NodeInternalIp(string nodeName) =>
        (_registry.Store.Get(_registry.Catalog.Nodes, null, nodeName)?.Model as V1Node)?.Status?.Addresses?
            .FirstOrDefault(a => a.Type == "InternalIP")?.Address;

    private V1PodStatus RunningStatus(V1Pod pod, string? podIp, string? hostIp)
    {
        var now = Now();
        var status = pod.Status ?? new V1PodStatus();
        status.Phase = "Running";
        status.Conditions = [.. RunningConditions.Select(type => new V1PodCondition { Type = type, Status = "True", LastTransitionTime = now })];
        status.HostIP = hostIp;
        status.HostIPs = hostIp is null ? null : [new V1HostIP { Ip = hostIp }];
        status.PodIP = podIp;
        status.PodIPs = podIp is null ? null : [new V1PodIP { Ip = podIp }];
        status.StartTime = now;
        status.ContainerStatuses = [.. (pod.Spec?.Containers ?? []).Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            ContainerID = "emulator://" + pod.Metadata.Uid + "/" + c.Name,
            Ready = true,
            Started = true,
            RestartCount = 0,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now } },
        })];
        return status;
    }

    private DateTime Now()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private V1Pod Copy(StoredObject item) => (V1Pod)_registry.Store.Codec(Pods).Decode(item.Json);

    public async ValueTask DisposeAsync()
    {
        _strategy.Changed -= _loop.Signal;
        _nodes.Changed -= _loop.Signal;
        await _loop.DisposeAsync();
    }

    /// <summary>What this kubelet did to one pod: the IP it gave, whether it started it, whether it is stopping it.</summary>
    private sealed class PodRecord
    {
        public string? Ip { get; set; }

        public bool Started { get; set; }

        public bool ShuttingDown { get; set; }
    }
}
