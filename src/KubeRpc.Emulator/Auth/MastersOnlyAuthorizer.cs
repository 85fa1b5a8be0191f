using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth;

/// <summary>The authorization the emulator has had so far: members of <c>system:masters</c> may do anything, nobody else anything.</summary>
internal sealed class MastersOnlyAuthorizer : IAuthorizer
{
    public (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes) =>
        user.Groups.Contains(UserInfo.MastersGroup) ? (Decision.Allow, "") : (Decision.NoOpinion, "");
}
