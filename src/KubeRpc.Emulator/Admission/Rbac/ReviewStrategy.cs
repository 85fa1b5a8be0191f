namespace KubeRpc.Emulator.Admission.Rbac;

/// <summary>The strategy of a review, which is answered by code and never stored: nothing to default or validate here.</summary>
internal sealed class ReviewStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => [];
}
