namespace KubeRpc.Emulator.Admission;

/// <summary>
/// The strategy of a resource served by code rather than storage (reviews: <c>ResourceType.Handler</c>), whose requests
/// never reach the registry; it admits nothing of its own.
/// </summary>
public sealed class CodeServedStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => [];
}
