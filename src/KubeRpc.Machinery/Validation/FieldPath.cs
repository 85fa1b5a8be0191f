namespace KubeRpc.Machinery.Validation;

/// <summary>Builds field paths the way <c>field.Path</c> prints them: <c>spec.ports[0].name</c>, <c>metadata.labels[app]</c>.</summary>
public readonly record struct FieldPath(string Value)
{
    public static readonly FieldPath Root = new("");

    public FieldPath Child(string name) => new(Value.Length == 0 ? name : Value + "." + name);

    public FieldPath Index(int i) => new(Value + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");

    public FieldPath Key(string key) => new(Value + "[" + key + "]");

    public override string ToString() => Value;

    public static implicit operator string(FieldPath p) => p.Value;
}
