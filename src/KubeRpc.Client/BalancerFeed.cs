using System.Net;
using Grpc.Core;
using Grpc.Net.Client.Balancer;

namespace KubeRpc.Client;

/// <summary>
/// What the channel's load balancer is told, one result at a time and never after the resolver is disposed.
/// </summary>
/// <remarks>
/// Grpc.Net.Client's balancers ignore an empty address list, and any resolver failure, while they have a Ready
/// subchannel (SubchannelsLoadBalancer keeps the last good addresses, as gRPC does for resolver errors): they would keep
/// calling the Pods of a Service that has none left. So an empty set after addresses is told in two results, back to
/// back: first one address no server can listen on (<see cref="Unroutable"/>, port 0), which replaces every address
/// and so shuts every subchannel down and leaves the balancer Connecting; then the failure, which a balancer that is
/// not Ready takes: it drops that last subchannel too, and fails calls with the reason (UNAVAILABLE), while
/// wait-for-ready calls wait for endpoints to come back. A shut subchannel's HTTP/2 connection is the HTTP handler's: it
/// carries no more calls and closes when the backend closes it or once idle for the handler's
/// PooledConnectionIdleTimeout (SocketsHttpHandler's default: a minute).
/// </remarks>
internal sealed class BalancerFeed(Action<ResolverResult> listener)
{
    /// <summary>An address no server can listen on: a connection to it, if one is even begun, is refused at once.</summary>
    internal static readonly BalancerAddress Unroutable = new(new DnsEndPoint(IPAddress.Loopback.ToString(), 0));

    private readonly Lock _lock = new();
    private bool _hasAddresses;
    private bool _hasPublished;
    private bool _closed;

    /// <summary>Whether the channel has been told anything yet (addresses or a failure).</summary>
    public bool HasPublished
    {
        get
        {
            lock (_lock)
            {
                return _hasPublished;
            }
        }
    }

    /// <summary>Tells the channel the chosen addresses, or that there are none (with the reason).</summary>
    public void Publish(EndpointChoice choice, string target)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            _hasPublished = true;
            if (choice.Addresses.Count > 0)
            {
                _hasAddresses = true;
                listener(ResolverResult.ForResult(choice.Addresses));
                return;
            }
            if (_hasAddresses)
            {
                listener(ResolverResult.ForResult([Unroutable]));
                _hasAddresses = false;
            }
            listener(ResolverResult.ForFailure(new Status(StatusCode.Unavailable, $"{target}: {choice.Reason}")));
        }
    }

    /// <summary>
    /// Tells the channel that resolution failed. A balancer with a Ready subchannel keeps its addresses; one without
    /// fails calls with <paramref name="status"/>.
    /// </summary>
    public void Fail(Status status)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            _hasPublished = true;
            listener(ResolverResult.ForFailure(status));
        }
    }

    /// <summary>No result reaches the channel after this returns.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }
}
