namespace KubeRpc.Server.Access;

/// <summary>The authentication mode in use, as resolved at start (<see cref="AuthModeResolver"/>).</summary>
/// <param name="Loopback">Whether the gRPC endpoint binds a loopback address.</param>
internal sealed record ResolvedAccess(AuthMode Requested, AuthMode Mode, bool Loopback);
