namespace KubeRpc.Server.Access;

/// <summary>A SubjectAccessReview's answer: allowed or not, and the authorizer's reason (often empty for RBAC).</summary>
public sealed record AccessDecision(bool Allowed, string Reason);
