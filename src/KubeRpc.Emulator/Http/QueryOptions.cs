using System.Globalization;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

/// <summary>Query-parameter parsing with Go's rules (strconv.ParseBool, ParseInt).</summary>
internal static class QueryOptions
{
    /// <summary>Go's ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    public static bool Bool(ApiRequest request, string name)
    {
        var value = request.QueryValue(name);
        return value switch
        {
            null or "" => false,
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw ApiException.BadRequest($"strconv.ParseBool: parsing {FieldError.Quote(value)}: invalid syntax"),
        };
    }

    public static bool? OptionalBool(ApiRequest request, string name) =>
        string.IsNullOrEmpty(request.QueryValue(name)) ? null : Bool(request, name);

    public static long Long(ApiRequest request, string name)
    {
        var value = request.QueryValue(name);
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            throw ApiException.BadRequest($"strconv.ParseInt: parsing {FieldError.Quote(value)}: invalid syntax");
        }
        return result;
    }

    /// <summary><c>dryRun</c>: absent, or exactly <c>All</c>; anything else is 422 on the options kind.</summary>
    public static bool DryRun(ApiRequest request, string optionsKind)
    {
        var value = request.QueryValue("dryRun");
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (value == "All")
        {
            return true;
        }
        throw ApiErrors.InvalidOptions(optionsKind,
            [new FieldError(FieldErrorType.NotSupported, "dryRun", GoValue.StringSlice([value]),
                "supported values: \"All\"")]);
    }
}
