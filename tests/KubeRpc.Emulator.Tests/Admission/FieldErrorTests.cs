using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

public class FieldErrorTests
{
    [Fact]
    public void Body_Invalid_QuotesStringsAndPrintsNumbers()
    {
        Assert.Equal("Invalid value: 0: must be between 1 and 65535, inclusive",
            FieldError.Invalid("spec.ports[0].port", 0, "must be between 1 and 65535, inclusive").Body);
        Assert.Equal("spec.type: Invalid value: \"x\": bad", FieldError.Invalid("spec.type", "x", "bad").ToString());
    }

    [Fact]
    public void Body_NotSupported_ListsQuotedValues()
    {
        var error = FieldError.NotSupported("spec.type", "Foo", ["ClusterIP", "ExternalName"]);
        Assert.Equal("FieldValueNotSupported", error.Reason);
        Assert.Equal("Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\"", error.Body);
    }

    [Fact]
    public void Body_Required_OmitsValue()
    {
        Assert.Equal("Required value", FieldError.Required("spec.ports").Body);
        Assert.Equal("Forbidden: may not be used", FieldError.Forbidden("spec.x", "may not be used").Body);
    }
}
