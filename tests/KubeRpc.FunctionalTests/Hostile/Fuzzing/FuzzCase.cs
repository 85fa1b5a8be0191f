using Google.Protobuf;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// One generated call: an RPC, which of its seed requests, how many field and byte mutations, the seed of their
/// choices, and (in Kubernetes auth mode) the authorization header. The bytes it sends follow from these alone.
/// </summary>
internal sealed record FuzzCase(FuzzedRpc Rpc, int SeedIndex, int FieldMutations, WireMutator.Kind[] WireMutations, int Seed, string? Authorization)
{
    /// <summary>The request's bytes, and the request as parsed back (null when the bytes are no longer a valid message).</summary>
    public (byte[] Bytes, IMessage? Parsed) Build(MessageMutator mutator)
    {
        var r = new Random(Seed);
        var message = Rpc.Seeds[SeedIndex % Rpc.Seeds.Count]();
        for (var i = 0; i < FieldMutations; i++)
        {
            mutator.Mutate(message, r);
        }
        var bytes = message.ToByteArray();
        foreach (var kind in WireMutations)
        {
            bytes = WireMutator.Mutate(bytes, kind, r);
        }
        try
        {
            return (bytes, Rpc.Method.InputType.Parser.ParseFrom(bytes));
        }
        catch (InvalidProtocolBufferException)
        {
            return (bytes, null);
        }
    }

    public override string ToString() =>
        $"{Rpc.Method.Name} seed#{SeedIndex % Rpc.Seeds.Count} fields×{FieldMutations} wire[{string.Join(",", WireMutations)}] rng={Seed}" +
        (Authorization is null ? "" : $" authorization={Show(Authorization)}");

    public static string Show(string s) => s.Length > 60 ? $"\"{s[..60]}…\"({s.Length})" : $"\"{s}\"";
}
