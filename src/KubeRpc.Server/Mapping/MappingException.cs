namespace KubeRpc.Server.Mapping;

/// <summary>
/// A request message that cannot be expressed as a Kubernetes object, found before any Kubernetes call: an
/// enum number the proto enum does not define (proto3 enums are open, so a client can send one), a
/// timestamp out of range or a <c>fields_v1</c> that is not JSON. The server answers INVALID_ARGUMENT with
/// a BadRequest field violation for <see cref="Field"/>.
/// </summary>
internal sealed class MappingException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/> with a Kubernetes-style detail.</summary>
    /// <param name="field">The proto field path in snake_case, e.g. <c>service.spec.ports[0].protocol</c>.</param>
    /// <param name="detail">What is wrong, e.g. <c>Unsupported value: 42: supported values: ...</c>.</param>
    /// <param name="innerException">The parser's failure, if there was one.</param>
    public MappingException(string field, string detail, Exception? innerException = null)
        : base($"{field}: {detail}", innerException)
    {
        Field = field;
        Detail = detail;
    }

    /// <summary>The proto field path in snake_case, e.g. <c>service.spec.ports[0].protocol</c>.</summary>
    public string Field { get; }

    /// <summary>The message without the field path, for a BadRequest field violation's description.</summary>
    public string Detail { get; }
}
