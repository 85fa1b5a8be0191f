using KubeRpc.Emulator.Auth.Authentication;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>How an <c>Authorization</c> header yields a token, as kube-apiserver's bearertoken authenticator reads it.</summary>
public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("  BEARER abc  ", "abc")]
    [InlineData("Bearer abc def", "abc")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Bearer", null)]
    [InlineData("Bearer ", null)]
    [InlineData("Bearer  abc", null)]
    [InlineData("Basic dXNlcjpwYXNz", null)]
    public void Parse_Header_TokenOrNoCredential(string? header, string? token)
    {
        Assert.Equal(token, BearerToken.Parse(header));
    }
}
