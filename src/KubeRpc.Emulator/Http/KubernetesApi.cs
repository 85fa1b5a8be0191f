using System.Text;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Faults;
using KubeRpc.Emulator.Registry;
using KubeRpc.Machinery.Text;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// The emulator's HTTP surface, independent of transport: version, health, discovery, OpenAPI, the fault
/// admin route and every resource verb. Failures become Status bodies here and nowhere else.
/// </summary>
internal sealed class KubernetesApi
{
    private readonly ResourceHandler _resources;
    private readonly IApiDocuments _documents;
    private readonly FaultInjector _faults;
    private readonly IAuthenticator _authenticator;
    private readonly IAuthorizer _authorizer;

    public KubernetesApi(ObjectRegistry registry, IApiDocuments documents, FaultInjector faults, BodyDecoder decoder,
        IAuthenticator authenticator, IAuthorizer? authorizer = null)
    {
        _authorizer = authorizer ?? new RbacAuthorizer(registry.Store);
        _resources = new ResourceHandler(registry, decoder, faults, _authorizer);
        _documents = documents;
        _faults = faults;
        _authenticator = authenticator;
    }

    /// <summary>How often watches that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval
    {
        get => _resources.BookmarkInterval;
        init => _resources.BookmarkInterval = value;
    }

    /// <summary>Watch streams open right now.</summary>
    public int OpenWatches => _resources.OpenWatches.Count;

    /// <summary>Raised after <see cref="OpenWatches"/> changes.</summary>
    public event Action? OpenWatchesChanged
    {
        add => _resources.OpenWatches.Changed += value;
        remove => _resources.OpenWatches.Changed -= value;
    }

    /// <summary>How often watchers are checked for having fallen behind the history.</summary>
    public TimeSpan SlowWatcherCheckInterval
    {
        get => _resources.SlowWatcherCheckInterval;
        init => _resources.SlowWatcherCheckInterval = value;
    }

    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Authentication, then authorization, before anything else looks at the request (kube-apiserver's filter order).
            request.User = _authenticator.Authenticate(request);
            request.User = Impersonation.Apply(request, request.User, _authorizer);
            // Parsed once: authorization, its 403 and fault matching all read the same attributes.
            var attributes = RequestAttributes.Of(request);
            var (decision, reason) = _authorizer.Authorize(request.User, attributes);
            if (decision != Decision.Allow)
            {
                throw attributes.Forbidden(request.User.Name, reason);
            }
            if (request.BodyTooLarge || request.Body.Length > ApiLimits.MaxRequestBodyBytes)
            {
                throw RequestEntityTooLarge();
            }
            var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
            if (path == FaultAdmin.Path)
            {
                return FaultAdmin.Handle(request, _faults);
            }
            if (_faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_faults.Latency, cancellationToken);
            }
            if (_faults.HasFailuresArmed && _faults.TakeFailure(attributes.Verb, attributes.Resource) is { } injected)
            {
                throw injected;
            }
            switch (path)
            {
                case "/version":
                    return new ApiResponse { Body = VersionInfo.Body };
                case "/healthz" or "/livez" or "/readyz":
                    return new ApiResponse { ContentType = "text/plain; charset=utf-8", Body = "ok"u8.ToArray() };
            }
            if (_documents.Handle(request, path) is { } document)
            {
                return document;
            }
            if (ResourcePath.TryParse(path) is { } resourcePath)
            {
                return _resources.Handle(request, resourcePath, cancellationToken);
            }
            throw NotFoundPath(path);
        }
        catch (ApiException e)
        {
            return Failure(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller went away: nobody to answer
        }
        catch (Exception e)
        {
            // A bug, not an answer: hostile input must fail before it gets here, but nothing escapes the transport.
            return Failure(ApiErrors.Internal(Excerpt.Of(e.Message, ApiLimits.MaxQuotedLength, ExcerptMarker.Ellipsis)));
        }
    }

    public static ApiResponse Failure(ApiException e)
    {
        var response = new ApiResponse { StatusCode = e.Code, Body = StatusBodies.Failure(e) };
        response.Headers.AddRange(e.Headers);
        return response;
    }

    /// <summary>limitedReadBody's answer to a body past <c>MaxRequestBodyBytes</c> (errors.NewRequestEntityTooLargeError).</summary>
    public static ApiException RequestEntityTooLarge() =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {ApiLimits.MaxRequestBodyBytes}");

    /// <summary>The 404 kube-apiserver gives for a path it does not serve.</summary>
    public static ApiException NotFoundPath(string path) =>
        new(404, "NotFound", "the server could not find the requested resource",
            new StatusDetailsInfo(null, null, null, null, [new StatusCauseInfo("UnexpectedServerResponse", "404 page not found", null)]));
}

/// <summary>Discovery and OpenAPI documents.</summary>
internal interface IApiDocuments
{
    /// <summary>The document at <paramref name="path"/>, or null when the path is not a document.</summary>
    ApiResponse? Handle(ApiRequest request, string path);
}

/// <summary>The <c>/version</c> body: minor "32", so /usr/bin/kubectl picks kubectl 1.32.</summary>
internal static class VersionInfo
{
    public static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"major":"1","minor":"32","gitVersion":"v1.32.4","gitCommit":"59526cd4867447956156ae3a602fcbac10ecb2f6","gitTreeState":"clean","buildDate":"2025-04-22T16:01:44Z","goVersion":"go1.23.6","compiler":"gc","platform":"linux/amd64"}""");
}
