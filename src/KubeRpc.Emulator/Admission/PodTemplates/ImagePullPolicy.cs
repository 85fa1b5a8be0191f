using System.Text.RegularExpressions;

namespace KubeRpc.Emulator.Admission.PodTemplates;

/// <summary>
/// The <c>imagePullPolicy</c> default of <c>SetDefaults_Container</c> (k/k <c>pkg/apis/core/v1/defaults.go</c>):
/// <c>Always</c> when the image's tag is <c>latest</c>, which <c>parsers.ParseImageName</c> also reports for an image
/// with neither tag nor digest; <c>IfNotPresent</c> otherwise, including for an image that does not parse.
/// </summary>
/// <remarks>
/// Parsing follows the reference grammar of distribution's <c>reference</c> package (<c>ParseNormalizedNamed</c>):
/// an optional domain (host or IP, optional port), lowercase path components joined by <c>.</c>, <c>_</c>, <c>__</c> or
/// dashes, at most 255 characters of name, then <c>:tag</c> and <c>@algorithm:hex</c>; a bare 64-hex-digit
/// identifier is refused.
/// </remarks>
internal static partial class ImagePullPolicy
{
    private const int NameTotalLengthMax = 255;
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[_.]|__|[-]+)[a-z0-9]+)*";
    private const string TagPattern = "[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    /// <summary>The default for a container with this image.</summary>
    public static string DefaultFor(string? image) => Tag(image ?? "") == "latest" ? "Always" : "IfNotPresent";

    /// <summary>The tag <c>ParseImageName</c> reports: the explicit one, <c>latest</c> when neither tag nor digest, empty on error.</summary>
    internal static string Tag(string image)
    {
        if (Identifier().IsMatch(image))
        {
            return "";
        }
        var match = Reference().Match(image);
        if (!match.Success || match.Groups["name"].Length > NameTotalLengthMax)
        {
            return "";
        }
        var tag = match.Groups["tag"].Value;
        return tag.Length == 0 && !match.Groups["digest"].Success ? "latest" : tag;
    }

    [GeneratedRegex("^(?<name>(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*)(?::(?<tag>" + TagPattern + "))?(?:@(?<digest>" + Digest + "))?\\z")]
    private static partial Regex Reference();

    [GeneratedRegex("^[a-f0-9]{64}\\z")]
    private static partial Regex Identifier();
}
