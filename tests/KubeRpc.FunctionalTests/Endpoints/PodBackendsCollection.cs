namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// Test classes whose backends listen at Pod IPs of a 127.0.0.0/24 pod CIDR: every embedded cluster hands out the same
/// addresses from 127.0.0.1 up, so these classes run one at a time, each picking its port while no other is binding.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PodBackendsCollection
{
    public const string Name = "Backends at Pod IPs";
}
