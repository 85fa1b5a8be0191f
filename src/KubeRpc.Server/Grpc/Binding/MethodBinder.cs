using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Wire;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>
/// Binds the handlers of one proto service to Grpc.AspNetCore by hand instead of through the generated base class,
/// so the read and watch RPCs can reply with <see cref="EncodedMessage"/>s through the pass-through marshaller. Every
/// method is checked against the service's descriptor (name, request and reply types), and <see cref="Complete"/>
/// fails unless every method of the descriptor is bound, so the binding cannot drift from the proto.
/// </summary>
internal sealed class MethodBinder<TService>(ServiceMethodProviderContext<TService> context, ServiceDescriptor descriptor)
    where TService : class
{
    // As the generated binding: POST only, CORS preflight passed through to the gRPC handler.
    private static readonly HttpMethodMetadata PostOnly = new(["POST"], acceptCorsPreflight: true);

    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    /// <param name="access">How the method is authorized (<see cref="AccessInterceptor"/> reads it from the endpoint).</param>
    public void Unary<TRequest, TResponse>(string name, AccessRule access, UnaryServerMethod<TService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        context.AddUnaryMethod(Describe(MethodType.Unary, name, RequestMarshaller<TRequest>.Instance, ProtoMarshaller<TResponse>.Instance,
            typeof(TResponse)), [PostOnly, access], handler);

    /// <summary>A unary method whose reply, of proto type <paramref name="replyType"/>, is written pre-encoded.</summary>
    public void EncodedUnary<TRequest>(string name, Type replyType, AccessRule access, UnaryServerMethod<TService, TRequest, EncodedMessage> handler)
        where TRequest : class, IMessage<TRequest>, new() =>
        context.AddUnaryMethod(Describe(MethodType.Unary, name, RequestMarshaller<TRequest>.Instance, EncodedMarshaller.Instance, replyType),
            [PostOnly, access], handler);

    /// <summary>A server-streaming method whose messages, of proto type <paramref name="messageType"/>, are written pre-encoded.</summary>
    public void EncodedServerStreaming<TRequest>(string name, Type messageType, AccessRule access,
        ServerStreamingServerMethod<TService, TRequest, EncodedMessage> handler)
        where TRequest : class, IMessage<TRequest>, new() =>
        context.AddServerStreamingMethod(Describe(MethodType.ServerStreaming, name, RequestMarshaller<TRequest>.Instance,
            EncodedMarshaller.Instance, messageType), [PostOnly, access], handler);

    /// <summary>Fails unless every method of the proto service has been bound.</summary>
    public void Complete()
    {
        var missing = descriptor.Methods.Select(m => m.Name).Where(n => !_bound.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{descriptor.FullName}: no handler bound for {string.Join(", ", missing)}");
        }
    }

    private Method<TRequest, TResponse> Describe<TRequest, TResponse>(MethodType type, string name, Marshaller<TRequest> request,
        Marshaller<TResponse> response, Type replyType)
    {
        var method = descriptor.FindMethodByName(name)
            ?? throw new InvalidOperationException($"{descriptor.FullName} has no method {name}");
        var declaredType = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        if (method.IsClientStreaming || declaredType != type || method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != replyType)
        {
            throw new InvalidOperationException(
                $"{descriptor.FullName}.{name} is {declaredType}({method.InputType.ClrType.Name}) -> {method.OutputType.ClrType.Name}, " +
                $"bound as {type}({typeof(TRequest).Name}) -> {replyType.Name}");
        }
        if (!_bound.Add(name))
        {
            throw new InvalidOperationException($"{descriptor.FullName}.{name} is bound twice");
        }
        return new Method<TRequest, TResponse>(type, descriptor.FullName, name, request, response);
    }
}
