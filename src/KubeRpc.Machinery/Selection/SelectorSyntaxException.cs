namespace KubeRpc.Machinery.Selection;

/// <summary>
/// A label or field selector that does not parse. <see cref="Exception.Message"/> is exactly the text apimachinery's
/// parser produces, which kube-apiserver returns verbatim in a 400 BadRequest; turning it into a response is the
/// caller's job (the emulator's Status, the server's field violation).
/// </summary>
public sealed class SelectorSyntaxException(string message) : FormatException(message);
