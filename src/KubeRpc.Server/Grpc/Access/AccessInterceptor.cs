using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Limits;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// Lets a call in, in <see cref="AuthMode.Kubernetes"/> mode, only when the cluster authenticates its caller
/// (<see cref="CallAuthenticator"/>) and authorizes what it asks (<see cref="AccessReviewer"/>, by the method's
/// <see cref="AccessRule"/>), before any cache or API server is consulted; a stream's access is then watched over
/// (<see cref="StreamAccessMonitor"/>). An authenticated caller over its own limits (<see cref="CallerLimiter"/>) is refused
/// before its call is reviewed. In every mode, writes and refused calls are audited (<see cref="AuditLog"/>).
/// </summary>
/// <remarks>
/// grpc.health.v1 stays anonymous (kubelet and load balancers probe it); reflection needs authentication only. Request
/// syntax a SubjectAccessReview would carry (namespace, name, subresource) is judged after authentication and before the
/// review, with the same rules and messages as the handlers, so no review carries a hostile value.
/// </remarks>
internal sealed class AccessInterceptor(
    ResolvedAccess mode,
    AuthOptions options,
    RequestLimits limits,
    AuditLog audit,
    ILogger<AccessInterceptor> logger,
    CallAuthenticator? authenticator = null,
    AccessReviewer? reviewer = null,
    StreamAccessMonitor? monitor = null,
    CallerLimiter? callerLimits = null) : Interceptor
{
    private const string HealthService = "/grpc.health.v1.Health/";
    private const string ReflectionService = "/grpc.reflection.";  // v1alpha and v1
    private const string WriteActivityName = "KubeRpc.Write";
    private static readonly object CallKey = new();

    /// <summary>Whom a write is sent to the API server as; null for KubeRpc itself.</summary>
    public static Impersonation? ActAs(ServerCallContext context) => Of(context)?.ActAs;

    /// <summary>The access of a stream, watched over while it is open; null when none is (Auth:Mode None).</summary>
    public static StreamAccess? StreamAccessOf(ServerCallContext context) => Of(context)?.Stream;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        // Without authentication a read has nothing to decide or audit: the hot path stays as it was.
        mode.Mode != AuthMode.Kubernetes && RuleOf(context) is not { IsWrite: true }
            ? continuation(request, context)
            : AdmittedUnaryAsync(request, context, continuation);

    private async Task<TResponse> AdmittedUnaryAsync<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var started = Stopwatch.GetTimestamp();
        var call = await AdmitAsync(request, context, started, stream: false);
        // ASP.NET Core makes a request Activity only while tracing or its hosting log is on (appsettings.json turns that
        // log off: a per-request cost). A write still gets a trace id, shared by its audit line and its API request.
        using var writeTrace = call is { Request.IsWrite: true } && Activity.Current is null ? new Activity(WriteActivityName).Start() : null;
        try
        {
            var response = await continuation(request, context);
            AuditWrite(call, context, StatusCode.OK, started);
            return response;
        }
        catch (RpcException e)
        {
            AuditWrite(call, context, e.StatusCode, started);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var call = await AdmitAsync(request, context, Stopwatch.GetTimestamp(), stream: true);
        using (call?.Stream)
        using (call?.WatchSlot)
        {
            await continuation(request, responseStream, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(null, context, Stopwatch.GetTimestamp(), stream: false);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(null, context, Stopwatch.GetTimestamp(), stream: false);
        await continuation(requestStream, responseStream, context);
    }

    /// <summary>Completes at once, without allocating a task, when the caller's credential and decision are remembered.</summary>
    private async ValueTask<CallAccess?> AdmitAsync(object? request, ServerCallContext context, long started, bool stream)
    {
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return null;
        }
        var rule = request is null ? null : RuleOf(context);
        if (mode.Mode != AuthMode.Kubernetes)
        {
            return rule is { IsWrite: true } ? Remember(context, new CallAccess(null, Asked(rule, rule.TargetOf(request!)), null, null)) : null;
        }
        Caller caller;
        string? token;
        try
        {
            (caller, token) = await authenticator!.AuthenticateAsync(context);
        }
        catch (RpcException e)
        {
            audit.Record(null, context.Method, rule is null ? null : Asked(rule, rule.TargetOf(request!)), e.StatusCode, started);
            throw;
        }
        if (rule is null)
        {
            // Reflection: any authenticated caller may read the contract. Any other method without a rule is refused
            // (fail closed): the managers' bindings give each of their methods one.
            return context.Method.StartsWith(ReflectionService, StringComparison.Ordinal)
                ? null
                : throw AccessStatuses.NoRule(context.Method);
        }
        // Limits come before the review, so a caller over them costs the cluster nothing.
        if (!stream)
        {
            callerLimits?.TakeCall(caller.User);
        }
        var watchSlot = stream ? callerLimits?.TakeWatch(caller.User) : null;
        try
        {
            return await AuthorizeAsync(rule, request!, caller, token, watchSlot, context, started, stream);
        }
        catch
        {
            watchSlot?.Dispose();
            throw;
        }
    }

    private async ValueTask<CallAccess> AuthorizeAsync(AccessRule rule, object request, Caller caller, string? token,
        IDisposable? watchSlot, ServerCallContext context, long started, bool stream)
    {
        var requests = Judge(rule, request);
        var asked = requests[0];
        // Registered before the review, so an RBAC change while it runs is seen by the stream's next recheck.
        var access = stream ? monitor!.Watch(caller, requests, token is null ? null : authenticator!.Again(token)) : null;
        try
        {
            foreach (var each in requests)
            {
                var decision = reviewer!.TryRemembered(caller, each, out var remembered)
                    ? remembered
                    : await ReviewAsync(caller, each, context.CancellationToken);
                if (!decision.Allowed)
                {
                    audit.Record(caller, context.Method, each, StatusCode.PermissionDenied, started);
                    throw AccessStatuses.Forbidden(rule.KindOf(each), caller.User, each, decision.Reason);
                }
            }
            Impersonation? actAs = null;
            if (asked.IsWrite && options.Impersonate)
            {
                actAs = Impersonation.Of(caller.User, caller.Groups, out var problem);
                if (actAs is null)
                {
                    audit.Record(caller, context.Method, asked, StatusCode.PermissionDenied, started);
                    throw AccessStatuses.NotImpersonable(rule.Resource.Kind, problem!);
                }
            }
            return Remember(context, new CallAccess(caller, asked, actAs, access) { WatchSlot = watchSlot });
        }
        catch
        {
            access?.Dispose();
            throw;
        }
    }

    private async Task<AccessDecision> ReviewAsync(Caller caller, AccessRequest asked, CancellationToken cancellationToken)
    {
        try
        {
            return await reviewer!.ReviewAsync(caller, asked, cancellationToken);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw ErrorTranslator.Translate(e,
                new ResourceTarget("SubjectAccessReview", "authorization.k8s.io/v1/subjectaccessreviews", null, null), logger);
        }
    }

    /// <summary>The request's attributes (its own first), once its namespace, name and subresource pass the handlers' own rules.</summary>
    private IReadOnlyList<AccessRequest> Judge(AccessRule rule, object request)
    {
        var target = rule.TargetOf(request);
        var validator = new RequestValidator(limits);
        // Empty values are the handlers' to report ("is required"); they widen nothing a review carries.
        if (target.Namespace.Length > 0)
        {
            validator.Namespace(target.NamespaceField, target.Namespace);
        }
        if (!string.IsNullOrEmpty(target.Name))
        {
            validator.Name(target.NameField, target.Name);
        }
        WriteOptionsMapping.Subresource(target.Subresource, validator);
        validator.ThrowIfInvalid();
        return rule.Requests(target);
    }

    private static AccessRule? RuleOf(ServerCallContext context) => context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<AccessRule>();

    private static AccessRequest Asked(AccessRule rule, AccessTarget target) => rule.Requests(target)[0];

    private void AuditWrite(CallAccess? call, ServerCallContext context, StatusCode code, long started)
    {
        if (call is { Request.IsWrite: true })
        {
            audit.Record(call.Caller, context.Method, call.Request, code, started);
        }
    }

    private static CallAccess Remember(ServerCallContext context, CallAccess call)
    {
        context.UserState[CallKey] = call;
        return call;
    }

    private static CallAccess? Of(ServerCallContext context) =>
        context.UserState.TryGetValue(CallKey, out var call) ? call as CallAccess : null;

    /// <summary>What a call was let in for: its caller (null without authentication), request, impersonation and stream access.</summary>
    private sealed record CallAccess(Caller? Caller, AccessRequest Request, Impersonation? ActAs, StreamAccess? Stream)
    {
        /// <summary>The caller's slot for this watch stream (<see cref="CallerLimiter.TakeWatch"/>), held while it is open.</summary>
        public IDisposable? WatchSlot { get; init; }
    }
}
