using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// The Status errors kube-apiserver's PATCH handler (apiserver <c>endpoints/handlers/patch.go</c>) answers with.
/// </summary>
internal static class PatchErrors
{
    /// <summary>Key of <see cref="Exception.Data"/> holding the library-level reason the apiserver throws away.</summary>
    public const string DetailKey = "patch.detail";

    /// <summary>
    /// <c>errors.NewGenericServerResponse(422, "", GroupResource{}, "", err.Error(), 0, false)</c>: reason Invalid,
    /// the fixed message below, empty details. The library's own message is not part of the response.
    /// </summary>
    public static ApiException Unprocessable(string detail)
    {
        var ex = new ApiException(422, "Invalid", "the server rejected our request due to an error in our request",
            new StatusDetailsInfo(null, null, null, null, null));
        ex.Data[DetailKey] = detail;
        return ex;
    }

    /// <summary>A plain Go error reaching <c>ErrorToAPIStatus</c>: code 500, no reason, the error text as message.</summary>
    public static ApiException Internal(string message) => new(500, "", message);

    /// <summary><c>errors.NewBadRequest(message)</c>.</summary>
    public static ApiException BadRequest(string message) => ApiException.BadRequest(message);

    /// <summary><c>errors.NewRequestEntityTooLargeError</c> for a JSON patch with too many operations.</summary>
    public static ApiException TooManyOperations(int max, int count) =>
        new(413, "RequestEntityTooLarge",
            $"Request entity too large: The allowed maximum operations in a JSON patch is {max}, got {count}");
}
