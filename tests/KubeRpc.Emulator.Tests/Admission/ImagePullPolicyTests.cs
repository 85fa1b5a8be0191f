using KubeRpc.Emulator.Admission.PodTemplates;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>SetDefaults_Container's imagePullPolicy: Always for :latest or no tag (and no digest), else IfNotPresent.</summary>
public class ImagePullPolicyTests
{
    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("localhost:5000/team/app", "Always")]
    [InlineData("ghcr.io/kuberpc/kuberpc:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always")]
    [InlineData("Nginx", "IfNotPresent")]
    [InlineData("nginx:", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void DefaultFor_Image_FollowsTheParsedTag(string image, string expected) =>
        Assert.Equal(expected, ImagePullPolicy.DefaultFor(image));
}
