using Grpc.Net.Client.Balancer;

namespace KubeRpc.Client;

/// <summary>What <see cref="EndpointSelection.Choose"/> found: addresses, or the reason there are none.</summary>
public sealed class EndpointChoice
{
    private EndpointChoice(IReadOnlyList<BalancerAddress> addresses, bool fallback, string? reason)
    {
        Addresses = addresses;
        IsFallback = fallback;
        Reason = reason;
    }

    /// <summary>The chosen endpoints' addresses, in the order KubeRpc sent them (by address); empty when there are none.</summary>
    public IReadOnlyList<BalancerAddress> Addresses { get; }

    /// <summary>True when no endpoint was ready and these are the serving, not terminating ones.</summary>
    public bool IsFallback { get; }

    /// <summary>Why there are no addresses; null when there are.</summary>
    public string? Reason { get; }

    internal static EndpointChoice Of(IReadOnlyList<BalancerAddress> addresses, bool fallback) => new(addresses, fallback, null);

    internal static EndpointChoice None(string reason) => new([], false, reason);
}
