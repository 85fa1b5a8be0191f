namespace KubeRpc.Emulator.Http;

/// <summary>A transport-neutral HTTP request, built by both the Kestrel host and the in-process handler.</summary>
public sealed class ApiRequest
{
    public required string Method { get; init; }

    /// <summary>The URL path, unescaped per segment by the transport.</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters; the last value wins, as Go's <c>url.Values.Get</c> takes the first — see <see cref="Query"/>.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public string? Accept { get; init; }

    public string? ContentType { get; init; }

    public string? UserAgent { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// True when the transport stopped reading a body longer than <see cref="Api.ApiLimits.MaxRequestBodyBytes"/>
    /// (<see cref="Body"/> then holds at most what was read).
    /// </summary>
    public bool BodyTooLarge { get; init; }

    /// <summary>True when the request came over the network from loopback (or in-process).</summary>
    public bool IsLoopback { get; init; } = true;

    /// <summary>True when the request came over HTTP; the in-process handler's requests are the admin's.</summary>
    public bool OverNetwork { get; init; }

    /// <summary>The <c>Host</c> header (or HTTP/2 <c>:authority</c>) of a request over HTTP.</summary>
    public string? Host { get; init; }

    /// <summary>The <c>Origin</c> header a browser adds to cross-origin and most non-GET requests.</summary>
    public string? Origin { get; init; }

    /// <summary>The <c>Sec-Fetch-Site</c> header of a browser request: <c>same-origin</c>, <c>same-site</c>, <c>cross-site</c> or <c>none</c>.</summary>
    public string? SecFetchSite { get; init; }

    /// <summary>The <c>Authorization</c> header, e.g. <c>Bearer …</c>; never logged.</summary>
    public string? Authorization { get; init; }

    /// <summary>The <c>Impersonate-User</c>, <c>Impersonate-Group</c>, <c>Impersonate-Uid</c> and <c>Impersonate-Extra-*</c> headers, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Impersonation { get; init; } = [];

    /// <summary>Who the request is from, once authenticated (and impersonation applied).</summary>
    public Auth.UserInfo User { get; internal set; } = Auth.UserInfo.Anonymous;

    /// <summary>The address kubectl reached us at, for <c>serverAddressByClientCIDRs</c>.</summary>
    public string ServerAddress { get; init; } = "127.0.0.1:8001";

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;
}
