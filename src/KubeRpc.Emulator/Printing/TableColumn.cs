namespace KubeRpc.Emulator.Printing;

/// <summary>A <c>columnDefinitions</c> entry of a meta.k8s.io/v1 Table.</summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority);
