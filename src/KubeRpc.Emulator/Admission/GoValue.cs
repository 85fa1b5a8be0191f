namespace KubeRpc.Emulator.Admission;

/// <summary>A value printed verbatim in a field error, for Go renderings such as <c>[]string{"x"}</c>.</summary>
public sealed record GoValue(string Text)
{
    public override string ToString() => Text;
}
