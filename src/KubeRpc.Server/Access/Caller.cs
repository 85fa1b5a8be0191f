namespace KubeRpc.Server.Access;

/// <summary>An authenticated caller, as the cluster's TokenReview named it.</summary>
public sealed record Caller(string User, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra);
