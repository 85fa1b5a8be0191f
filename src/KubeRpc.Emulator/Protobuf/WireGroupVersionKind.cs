namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// The group, version and kind of a protobuf body, parsed and defaulted as apimachinery's
/// <c>schema.FromAPIVersionAndKind</c> and the protobuf serializer's <c>copyKindDefaults</c> do.
/// </summary>
internal readonly record struct WireGroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary><c>group/version</c>, or just <c>version</c> for the core group (Go's <c>GroupVersion.String</c>).</summary>
    public string ApiVersion => Group.Length > 0 ? Group + "/" + Version : Version;

    /// <summary>Parses an apiVersion; one that has more than one '/' yields an empty group and version.</summary>
    public static WireGroupVersionKind From(string apiVersion, string kind)
    {
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            return new("", "", kind);
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new("", apiVersion, kind);
        }

        return apiVersion.IndexOf('/', slash + 1) < 0
            ? new(apiVersion[..slash], apiVersion[(slash + 1)..], kind)
            : new("", "", kind);
    }

    /// <summary>Fills an empty kind, and an empty version (with its group), from the type the URL expects.</summary>
    public WireGroupVersionKind WithDefaults(WireGroupVersionKind expected)
    {
        var result = this;
        if (Kind.Length == 0)
        {
            result = result with { Kind = expected.Kind };
        }

        if (Version.Length == 0 && expected.Version.Length > 0)
        {
            result = result with { Group = expected.Group, Version = expected.Version };
        }

        return result;
    }
}
