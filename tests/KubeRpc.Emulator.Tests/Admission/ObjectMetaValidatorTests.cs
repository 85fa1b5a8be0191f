using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

public class ObjectMetaValidatorTests
{
    private static readonly FieldPath Metadata = new("metadata");

    private static List<FieldError> Validate(V1ObjectMeta meta, bool namespaced = true) =>
        ObjectMetaValidator.ValidateObjectMeta(meta, namespaced, NameValidation.NameIsDns1035Label, Metadata, coreFinalizerNames: true);

    [Fact]
    public void ValidateObjectMeta_Valid_ReturnsNoErrors() =>
        Assert.Empty(Validate(new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } }));

    [Fact]
    public void ValidateObjectMeta_NoName_RequiresNameOrGenerateName()
    {
        var error = Assert.Single(Validate(new V1ObjectMeta { NamespaceProperty = "default" }));
        Assert.Equal("metadata.name", error.Field);
        Assert.Equal("FieldValueRequired", error.Reason);
        Assert.Equal("Required value: name or generateName is required", error.Body);
    }

    [Fact]
    public void ValidateObjectMeta_BadNameAndGenerateName_ReportsBoth()
    {
        var errors = Validate(new V1ObjectMeta { Name = "Web", GenerateName = "Web-", NamespaceProperty = "default" });
        Assert.Equal(["metadata.generateName", "metadata.name"], errors.Select(e => e.Field));
        Assert.StartsWith("Invalid value: \"Web\": a DNS-1035 label", errors[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateObjectMeta_Namespace_RequiredOrForbidden()
    {
        var required = Assert.Single(Validate(new V1ObjectMeta { Name = "web" }));
        Assert.Equal("metadata.namespace: Required value", required.ToString());
        var forbidden = Assert.Single(Validate(new V1ObjectMeta { Name = "web", NamespaceProperty = "x" }, namespaced: false));
        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type", forbidden.ToString());
    }

    [Fact]
    public void ValidateLabels_BadKeyAndValue_ReportAtMapPath()
    {
        var errors = ObjectMetaValidator.ValidateLabels(new Dictionary<string, string> { ["a/b/c"] = "-bad" }, new("metadata.labels"));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("metadata.labels", e.Field));
        Assert.StartsWith("Invalid value: \"a/b/c\": a qualified name", errors[0].Body, StringComparison.Ordinal);
        Assert.StartsWith("Invalid value: \"-bad\": a valid label must be", errors[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAnnotations_UpperCaseKeyAllowed_TooLargeRejected()
    {
        Assert.Empty(ObjectMetaValidator.ValidateAnnotations(new Dictionary<string, string> { ["Example.com/Key"] = "v" }, new("metadata.annotations")));
        var big = new Dictionary<string, string> { ["k"] = new string('x', 262144) };
        var error = Assert.Single(ObjectMetaValidator.ValidateAnnotations(big, new("metadata.annotations")));
        Assert.Equal("FieldValueTooLong", error.Reason);
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", error.ToString());
    }

    [Fact]
    public void ValidateObjectMeta_Finalizers_ChecksNamesAndConflicts()
    {
        var errors = Validate(new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Finalizers = ["orphan", "foregroundDeletion", "custom"] });
        Assert.Equal(2, errors.Count);
        Assert.Equal("metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\", \"custom\"}: finalizer orphan and foregroundDeletion cannot be both set", errors[0].ToString());
        Assert.Equal("metadata.finalizers[2]: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified", errors[1].ToString());
    }

    [Fact]
    public void ValidateObjectMeta_OwnerReference_MissingFields()
    {
        var errors = Validate(new V1ObjectMeta { Name = "web", NamespaceProperty = "default", OwnerReferences = [new V1OwnerReference { Kind = "Pod" }] });
        Assert.Equal(
            ["metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
             "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
             "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMetaUpdate_ChangedImmutables_ReportsFieldIsImmutable()
    {
        var created = new DateTime(2026, 1, 2, 15, 4, 5, DateTimeKind.Utc);
        var old = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u1", CreationTimestamp = created, Generation = 2 };
        var meta = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u2", CreationTimestamp = created.AddSeconds(1), Generation = 1 };
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(meta, old, Metadata);
        Assert.Equal(
            ["metadata.generation: Invalid value: 1: must not be decremented",
             "metadata.uid: Invalid value: \"u2\": field is immutable",
             "metadata.creationTimestamp: Invalid value: 2026-01-02 15:04:06 +0000 UTC: field is immutable"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateObjectMetaUpdate_NewFinalizerWhileDeleting_Forbidden()
    {
        var deleting = DateTime.UtcNow;
        var old = new V1ObjectMeta { Name = "web", DeletionTimestamp = deleting, Finalizers = ["a/b"] };
        var meta = new V1ObjectMeta { Name = "web", DeletionTimestamp = deleting, Finalizers = ["a/b", "x/y"] };
        var error = Assert.Single(ObjectMetaValidator.ValidateObjectMetaUpdate(meta, old, Metadata));
        Assert.Equal("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"x/y\"}", error.ToString());
    }
}
