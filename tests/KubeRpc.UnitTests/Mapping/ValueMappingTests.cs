using Google.Protobuf.WellKnownTypes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using static KubeRpc.UnitTests.Mapping.ProtoSamples;
using K8sIntOrString = k8s.Models.IntOrString;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>IntOrString, timestamps and repeated enums: the conversions with more than one sensible answer.</summary>
public sealed class ValueMappingTests
{
    [Theory]
    [InlineData("8080", 8080)]
    [InlineData("-1", -1)]
    public void ToProto_NumericString_IsIntValue(string value, int expected)
    {
        Assert.Equal(Numbered(expected), ValueMapping.ToProto((K8sIntOrString)value));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("")]
    [InlineData("2147483648")] // beyond int32: kept whole as a string rather than truncated
    public void ToProto_NonInt32String_IsStringValue(string value)
    {
        Assert.Equal(Named(value), ValueMapping.ToProto((K8sIntOrString)value));
    }

    [Fact]
    public void ToKubernetes_IntOrString_KeepsTheForm()
    {
        Assert.Equal("5353", ValueMapping.ToKubernetes(Numbered(5353))?.Value);
        Assert.Equal("http", ValueMapping.ToKubernetes(Named("http"))?.Value);
        Assert.Null(ValueMapping.ToKubernetes(new IntOrString()));
        Assert.Null(ValueMapping.ToKubernetes(null));
        Assert.Null(ValueMapping.ToProto(new K8sIntOrString()));
    }

    [Fact]
    public void RoundTrip_NumericStringValue_ComesBackAsInt()
    {
        // KubernetesClient's IntOrString cannot tell "8080" from 8080 (it writes both as a JSON number), so
        // neither can the mapping. Kubernetes rejects a numeric port name anyway (IANA_SVC_NAME needs a letter).
        var roundTripped = ValueMapping.ToProto(ValueMapping.ToKubernetes(Named("8080")));

        Assert.Equal(Numbered(8080), roundTripped);
    }

    [Fact]
    public void ToTimestamp_LocalOrUnspecifiedKind_IsTakenAsUtc()
    {
        var utc = new DateTime(2025, 3, 14, 10, 0, 0, DateTimeKind.Utc);

        Assert.Equal(Timestamp.FromDateTime(utc), ValueMapping.ToTimestamp(utc.ToLocalTime()));
        Assert.Equal(Timestamp.FromDateTime(utc), ValueMapping.ToTimestamp(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Null(ValueMapping.ToTimestamp(null));
    }

    [Fact]
    public void ToDateTime_SubSecondTimestamp_KeepsTicks()
    {
        var time = ValueMapping.ToDateTime(new Timestamp { Seconds = 1_700_000_000, Nanos = 123_456_789 }, "t");

        Assert.Equal(DateTimeKind.Utc, time!.Value.Kind);
        Assert.Equal(1_234_567, time.Value.Ticks % TimeSpan.TicksPerSecond); // 100 ns resolution, truncated
    }

    [Fact]
    public void ToKubernetes_UnspecifiedIPFamilyInList_IsEmptyStringForTheApiServerToJudge()
    {
        var service = new Service { Spec = new ServiceSpec { IpFamilies = { IPFamily.Ipv6, IPFamily.Unspecified } } };

        Assert.Equal(["IPv6", ""], ServiceMapping.ToKubernetes(service).Spec.IpFamilies);
    }

    [Fact]
    public void ToKubernetes_UnsetConditionTime_IsZeroAndMapsBackToUnset()
    {
        var status = new ServiceStatus { Conditions = { new Condition { Type = "Ready", Status = ConditionStatus.True } } };
        var service = new Service { Status = status };

        var kubernetes = ServiceMapping.ToKubernetes(service);

        Assert.Equal(default, kubernetes.Status.Conditions[0].LastTransitionTime);
        Assert.Null(ServiceMapping.ToProto(kubernetes).Status.Conditions[0].LastTransitionTime);
    }
}
