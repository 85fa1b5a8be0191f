using System.Net;

namespace KubeRpc.Server.Access;

/// <summary>Resolves <see cref="AuthMode.Auto"/> from the address the gRPC endpoint binds.</summary>
public static class AuthModeResolver
{
    /// <param name="grpcUrl">The <c>Server:GrpcUrl</c> setting, e.g. <c>http://127.0.0.1:50051</c>.</param>
    public static AuthMode Resolve(AuthMode requested, string grpcUrl) => requested switch
    {
        AuthMode.Auto => BindsLoopback(grpcUrl) ? AuthMode.None : AuthMode.Kubernetes,
        _ => requested,
    };

    /// <summary>True when the URL's host is <c>localhost</c> or a loopback address; <c>*</c>, <c>0.0.0.0</c> and others are not.</summary>
    public static bool BindsLoopback(string grpcUrl) =>
        Uri.TryCreate(grpcUrl, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}
