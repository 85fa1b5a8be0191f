namespace KubeRpc.Emulator.Auth;

/// <summary>The text of apimachinery's <c>utilerrors.NewAggregate(errs).Error()</c>: one message as is, more de-duplicated in <c>[a, b]</c>.</summary>
internal static class ErrorAggregate
{
    public static string Message(IReadOnlyCollection<string> errors)
    {
        if (errors.Count == 1)
        {
            return errors.First();
        }
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
