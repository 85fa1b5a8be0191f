using Grpc.Core;
using Grpc.Core.Interceptors;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// In <see cref="AuthMode.Kubernetes"/> mode, lets in only callers whose client certificate verifies against the client
/// CAs or whose bearer token the cluster authenticates; the caller is then in <see cref="CallerOf"/>. grpc.health.v1
/// stays anonymous, as kubelet and load balancers probe it.
/// </summary>
internal sealed class AuthenticationInterceptor(TokenReviewer tokens, ClientCertificateAuthenticator certificates,
    ILogger<AuthenticationInterceptor> logger) : Interceptor
{
    private const string HealthService = "/grpc.health.v1.Health/";
    private static readonly object CallerKey = new();

    /// <summary>The authenticated caller of a call, or null when the call was let in without one.</summary>
    public static Caller? CallerOf(ServerCallContext context) =>
        context.UserState.TryGetValue(CallerKey, out var caller) ? caller as Caller : null;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return;
        }
        // As kube-apiserver's authenticator chain: a verified client certificate first, then the bearer token.
        var certificate = certificates.Authenticate(context.GetHttpContext().Connection.ClientCertificate);
        if (certificate.Caller is { } holder)
        {
            context.UserState[CallerKey] = holder;
            return;
        }
        var header = context.RequestHeaders.GetValue("authorization");
        if (BearerToken(header) is not { } token)
        {
            throw header is null && certificate.Refused ? AccessStatuses.UntrustedCertificate() : AccessStatuses.Unauthenticated(hadToken: header is not null);
        }
        Caller? caller;
        try
        {
            caller = await tokens.AuthenticateAsync(token, context.CancellationToken);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw ErrorTranslator.Translate(e, new ResourceTarget("TokenReview", "authentication.k8s.io/v1/tokenreviews", null, null), logger);
        }
        context.UserState[CallerKey] = caller ?? throw AccessStatuses.Unauthenticated(hadToken: true);
    }

    /// <summary>The token of <c>Bearer &lt;token&gt;</c> (scheme case-insensitive, as kube-apiserver reads it); null otherwise.</summary>
    private static string? BearerToken(string? header)
    {
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header[7..].Trim();
        return token.Length is > 0 and <= 16 * 1024 && !token.Contains(' ', StringComparison.Ordinal) ? token : null;
    }
}
