using k8s.Models;
using KubeRpc.Emulator.Admission.Rbac;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Registry;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// kube-controller-manager's clusterroleaggregation controller: after any ClusterRole changes, every ClusterRole with an
/// aggregationRule is given the rules <see cref="ClusterRoleAggregation"/> computes, until nothing changes (admin
/// aggregates edit, which aggregates view). The roles seeded at start are aggregated before the constructor returns;
/// later changes are aggregated in the background, as a cluster does it, shortly after the write.
/// </summary>
internal sealed class ClusterRoleAggregationController : IAsyncDisposable
{
    // Each pass settles one more level of roles aggregating aggregated roles; deeper chains than this are a cycle.
    private const int MaxPasses = 10;
    private readonly ObjectRegistry _registry;
    private readonly ClusterRoleStrategy _strategy;
    private readonly ReconcileLoop _loop;

    public ClusterRoleAggregationController(ObjectRegistry registry)
    {
        _registry = registry;
        _strategy = (ClusterRoleStrategy)registry.Catalog.ClusterRoles.Strategy;
        Reconcile();
        // Never retried: a write that lost a race changed a role, which signals another pass.
        _loop = new ReconcileLoop(() => { Reconcile(); return true; }, TimeSpan.Zero, passAtStart: false);
        _strategy.Changed += _loop.Signal;
    }

    private void Reconcile()
    {
        var type = _registry.Catalog.ClusterRoles;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var roles = _registry.Store.Log(type).Items.Values.Select(o => (V1ClusterRole)o.Model).ToList();
            var changed = false;
            foreach (var role in roles.Where(r => r.AggregationRule is not null))
            {
                if (ClusterRoleAggregation.Rules(role, roles) is not { } rules || ClusterRoleAggregation.SameRules(rules, role.Rules))
                {
                    continue;
                }
                var copy = (V1ClusterRole)_registry.Store.Codec(type).Decode(_registry.Store.Codec(type).Encode(role));
                copy.Rules = rules;
                try
                {
                    _registry.Update(type, null, role.Metadata.Name, copy, WriteOptions.Default);
                    changed = true;
                }
                catch (ApiException)
                {
                    // Changed or gone meanwhile: its own change signals another pass.
                }
            }
            if (!changed)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _strategy.Changed -= _loop.Signal;
        await _loop.DisposeAsync();
    }
}
