using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

public class NameValidationTests
{
    private const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Theory]
    [InlineData("a")]
    [InlineData("my-name")]
    [InlineData("123-abc")]
    public void IsDns1123Label_Valid_ReturnsNoErrors(string value) => Assert.Empty(NameValidation.IsDns1123Label(value));

    [Fact]
    public void IsDns1123Label_UpperCase_ReturnsRegexMessage() =>
        Assert.Equal([Dns1123LabelMessage], NameValidation.IsDns1123Label("My-Name"));

    [Fact]
    public void IsDns1123Label_Dots_ReturnsMustNotContainDots() =>
        Assert.Equal(["must not contain dots"], NameValidation.IsDns1123Label("a.b"));

    [Fact]
    public void IsDns1123Label_TooLong_ReturnsLengthMessage() =>
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));

    [Fact]
    public void IsDns1123Label_TrailingNewline_IsInvalid() =>
        Assert.Equal([Dns1123LabelMessage], NameValidation.IsDns1123Label("abc\n"));

    [Fact]
    public void IsDns1035Label_LeadingDigit_ReturnsRegexMessage() =>
        Assert.Equal([Dns1035LabelMessage], NameValidation.IsDns1035Label("1abc"));

    [Fact]
    public void IsDns1123Subdomain_Invalid_ReturnsRegexMessage()
    {
        Assert.Empty(NameValidation.IsDns1123Subdomain("example.com"));
        Assert.Equal([Dns1123SubdomainMessage], NameValidation.IsDns1123Subdomain("Example.com"));
        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(new string('a', 254)));
    }

    [Fact]
    public void IsWildcardDns1123Subdomain_NoWildcard_ReturnsRegexMessage()
    {
        Assert.Empty(NameValidation.IsWildcardDns1123Subdomain("*.example.com"));
        Assert.Equal(
            ["a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            NameValidation.IsWildcardDns1123Subdomain("example.com"));
    }

    [Fact]
    public void IsQualifiedName_Cases_ReturnKubernetesMessages()
    {
        const string namePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        Assert.Empty(NameValidation.IsQualifiedName("example.com/My_Name.1"));
        Assert.Equal(["name part " + "must be non-empty", namePart], NameValidation.IsQualifiedName("example.com/"));
        Assert.Equal(["prefix part must be non-empty"], NameValidation.IsQualifiedName("/abc"));
        Assert.Equal(["prefix part " + Dns1123SubdomainMessage], NameValidation.IsQualifiedName("Ex/abc"));
        Assert.Equal([namePart], NameValidation.IsQualifiedName("-abc"));
        Assert.Equal(
            ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
            NameValidation.IsQualifiedName("a/b/c"));
    }

    [Fact]
    public void IsValidLabelValue_Invalid_ReturnsMessage()
    {
        Assert.Empty(NameValidation.IsValidLabelValue(""));
        Assert.Equal(
            ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
            NameValidation.IsValidLabelValue("-x"));
    }

    [Fact]
    public void IsValidPortName_Cases_ReturnMessages()
    {
        Assert.Empty(NameValidation.IsValidPortName("http"));
        Assert.Equal(["must contain at least one letter (a-z)"], NameValidation.IsValidPortName("8080"));
        Assert.Equal(["must be no more than 15 characters"], NameValidation.IsValidPortName("abcdefghijklmnop"));
        Assert.Equal(["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"], NameValidation.IsValidPortName("Http"));
        Assert.Equal(["must not contain consecutive hyphens"], NameValidation.IsValidPortName("a--b"));
        Assert.Equal(["must not begin or end with a hyphen"], NameValidation.IsValidPortName("-ab"));
    }

    [Fact]
    public void IsValidPortNum_OutOfRange_ReturnsInclusiveRange()
    {
        Assert.Empty(NameValidation.IsValidPortNum(65535));
        Assert.Equal(["must be between 1 and 65535, inclusive"], NameValidation.IsValidPortNum(0));
        Assert.Equal(["must be between 0 and 86400, inclusive"], NameValidation.IsInRange(-1, 0, 86400));
    }

    [Theory]
    [InlineData("10.9.8.7", true)]
    [InlineData("010.009.008.007", true)]
    [InlineData("2001:db8::ffff", true)]
    [InlineData("::", true)]
    [InlineData("::ffff:1.2.3.4", true)]
    [InlineData("1.2.3", false)]
    [InlineData("1", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("::1%eth0", false)]
    [InlineData("[::1]", false)]
    [InlineData("1:2:3:4:5:6:7:8:9", false)]
    [InlineData("1::2::3", false)]
    [InlineData("", false)]
    public void IsValidIP_ParsesAsGo(string value, bool valid) =>
        Assert.Equal(valid ? [] : ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"], NameValidation.IsValidIP(value));

    [Fact]
    public void IsValidIPv4AndIPv6_SplitFamilies()
    {
        Assert.Empty(NameValidation.IsValidIPv4Address("10.0.0.1"));
        Assert.Equal(["must be a valid IPv4 address"], NameValidation.IsValidIPv4Address("fd00::1"));
        Assert.Empty(NameValidation.IsValidIPv6Address("fd00::1"));
        Assert.Equal(["must be a valid IPv6 address"], NameValidation.IsValidIPv6Address("10.0.0.1"));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.1/32", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/", false)]
    public void IsValidCIDR_ParsesAsGo(string value, bool valid) =>
        Assert.Equal(valid ? [] : ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"], NameValidation.IsValidCIDR(value));

    [Fact]
    public void NameFunctions_Prefix_MaskTrailingDash()
    {
        Assert.Empty(NameValidation.NameIsDns1035Label("web-", true));
        Assert.NotEmpty(NameValidation.NameIsDns1035Label("web-", false));
        Assert.NotEmpty(NameValidation.NameIsDnsSubdomain("Web-", true));
        Assert.Equal(["must not contain dots"], NameValidation.NameIsDnsLabel("a.b-", true));
    }

    [Fact]
    public void ValidateDomainPrefixedPath_Cases_ReportValueOfTheWrongPart()
    {
        Assert.Empty(NameValidation.ValidateDomainPrefixedPath(new("spec.controller"), "acme.io/foo"));
        var required = Assert.Single(NameValidation.ValidateDomainPrefixedPath(new("spec.controller"), ""));
        Assert.Equal("spec.controller: Required value", required.ToString());
        var noSlash = Assert.Single(NameValidation.ValidateDomainPrefixedPath(new("spec.controller"), "acme.io"));
        Assert.Equal("Invalid value: \"acme.io\": must be a domain-prefixed path (such as \"acme.io/foo\")", noSlash.Body);
        var badPath = Assert.Single(NameValidation.ValidateDomainPrefixedPath(new("spec.controller"), "acme.io/a b"));
        Assert.Equal("Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')", badPath.Body);
        var badHost = Assert.Single(NameValidation.ValidateDomainPrefixedPath(new("spec.controller"), "Acme/foo"));
        Assert.Equal("Invalid value: \"Acme\": " + Dns1123SubdomainMessage, badHost.Body);
    }
}
