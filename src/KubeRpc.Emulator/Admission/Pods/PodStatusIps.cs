using System.Net;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Pods;

/// <summary>
/// The v1 conversion of <c>podIP</c>/<c>podIPs</c> and <c>hostIP</c>/<c>hostIPs</c> (the single field wins when
/// both are set and differ, and fills the list when it is empty) and the status rule that each is an IP address.
/// </summary>
internal static class PodStatusIps
{
    private static readonly FieldPath Status = new("status");

    public static void Normalize(V1PodStatus status)
    {
        if (!string.IsNullOrEmpty(status.PodIP) && (status.PodIPs is not { Count: > 0 } || status.PodIPs[0].Ip != status.PodIP))
        {
            status.PodIPs = [new V1PodIP { Ip = status.PodIP }];
        }
        else if (string.IsNullOrEmpty(status.PodIP) && status.PodIPs is { Count: > 0 })
        {
            status.PodIP = status.PodIPs[0].Ip;
        }
        if (!string.IsNullOrEmpty(status.HostIP) && (status.HostIPs is not { Count: > 0 } || status.HostIPs[0].Ip != status.HostIP))
        {
            status.HostIPs = [new V1HostIP { Ip = status.HostIP }];
        }
        else if (string.IsNullOrEmpty(status.HostIP) && status.HostIPs is { Count: > 0 })
        {
            status.HostIP = status.HostIPs[0].Ip;
        }
    }

    public static IEnumerable<FieldError> Validate(V1PodStatus status)
    {
        var podIps = status.PodIPs ?? [];
        for (var i = 0; i < podIps.Count; i++)
        {
            if (!IPAddress.TryParse(podIps[i].Ip ?? "", out _))
            {
                yield return FieldError.Invalid(Status.Child("podIPs").Index(i).Child("ip"), podIps[i].Ip ?? "", "must be a valid IP address");
            }
        }
        var hostIps = status.HostIPs ?? [];
        for (var i = 0; i < hostIps.Count; i++)
        {
            if (!IPAddress.TryParse(hostIps[i].Ip ?? "", out _))
            {
                yield return FieldError.Invalid(Status.Child("hostIPs").Index(i).Child("ip"), hostIps[i].Ip ?? "", "must be a valid IP address");
            }
        }
    }
}
