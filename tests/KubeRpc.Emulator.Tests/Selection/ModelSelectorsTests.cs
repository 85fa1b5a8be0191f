using k8s.Models;
using KubeRpc.Emulator.Selection;

namespace KubeRpc.Emulator.Tests.Selection;

/// <summary>metav1.LabelSelectorAsSelector on the models: conversion, matching and text.</summary>
public class ModelSelectorsTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void Matches_NullSelector_SelectsNothing() => Assert.False(ModelSelectors.Matches(null, Web));

    [Fact]
    public void Matches_EmptySelector_SelectsEverything() => Assert.True(ModelSelectors.Matches(new V1LabelSelector(), null));

    [Theory]
    [InlineData("In", "web", true)]
    [InlineData("NotIn", "web", false)]
    [InlineData("Exists", null, true)]
    [InlineData("DoesNotExist", null, false)]
    public void Matches_Expression_FollowsItsOperator(string op, string? value, bool expected)
    {
        var selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = op, Values = value is null ? null : [value] }] };
        Assert.Equal(expected, ModelSelectors.Matches(selector, Web));
    }

    [Fact]
    public void Text_LabelsAndExpressions_SortedByKeyWithSortedValues()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["tier"] = "front" },
            MatchExpressions =
            [
                new V1LabelSelectorRequirement { Key = "env", OperatorProperty = "NotIn", Values = ["test", "dev"] },
                new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" },
            ],
        };

        Assert.Equal("!canary,env notin (dev,test),tier=front", ModelSelectors.Text(selector));
    }

    [Theory]
    [InlineData("Gt", "1")]
    [InlineData("In", null)]
    [InlineData("Exists", "x")]
    public void Text_ExpressionThatDoesNotConvert_IsNull(string op, string? value)
    {
        var selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "a", OperatorProperty = op, Values = value is null ? null : [value] }] };
        Assert.Null(ModelSelectors.Text(selector));
    }

    [Fact]
    public void Text_InvalidLabelValue_IsNull() =>
        Assert.Null(ModelSelectors.Text(new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "-web" } }));
}
