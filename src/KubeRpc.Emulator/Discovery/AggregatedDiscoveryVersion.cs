namespace KubeRpc.Emulator.Discovery;

/// <summary>The aggregated discovery API versions a client can ask for (<c>apidiscovery.k8s.io</c>).</summary>
public enum AggregatedDiscoveryVersion
{
    /// <summary><c>apidiscovery.k8s.io/v2</c> (GA since 1.30); kubectl 1.32 asks for it first.</summary>
    V2,

    /// <summary><c>apidiscovery.k8s.io/v2beta1</c>; same body, older clients.</summary>
    V2Beta1,
}
