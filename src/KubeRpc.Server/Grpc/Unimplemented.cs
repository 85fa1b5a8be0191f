using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc;

/// <summary>UNIMPLEMENTED with an ErrorInfo, for RPCs of the contract that this build does not serve yet.</summary>
internal static class Unimplemented
{
    public static RpcException Watch(string rpc)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusCode.Unimplemented,
            Message = $"{rpc} is not served by this build yet; list and poll, or upgrade KubeRpc",
        };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "NOT_IMPLEMENTED", Domain = ErrorReasons.Domain, Metadata = { ["rpc"] = rpc } }));
        return status.ToRpcException();
    }
}
