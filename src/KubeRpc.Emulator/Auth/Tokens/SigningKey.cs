using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// The RSA key one emulator signs its service-account tokens with, made when the emulator starts and never written
/// anywhere: only its public half leaves (<see cref="PublicJwk"/>). The key id is kube-apiserver's
/// <c>keyIDFromPublicKey</c>: base64url (unpadded) of the SHA-256 of the public key's DER (PKIX) encoding.
/// </summary>
internal sealed class SigningKey
{
    private readonly RSA _rsa = RSA.Create(2048);

    public SigningKey() => KeyId = Base64Url.EncodeToString(SHA256.HashData(_rsa.ExportSubjectPublicKeyInfo()));

    /// <summary>The <c>kid</c> of every token this key signs.</summary>
    public string KeyId { get; }

    /// <summary>An RS256 signature (RSASSA-PKCS1-v1_5 over SHA-256) of <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>
    /// Checks a JWS signature with the public key for the header's <paramref name="algorithm"/>, as go-jose's RSA verifier
    /// does: the RS and PS families are understood, anything else is an unsupported algorithm.
    /// </summary>
    public SignatureCheck Verify(string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        (HashAlgorithmName Hash, RSASignaturePadding Padding)? scheme = algorithm switch
        {
            "RS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS384" => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "RS512" => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            "PS256" => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            "PS384" => (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            "PS512" => (HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            _ => null,
        };
        if (scheme is not { } s)
        {
            return SignatureCheck.UnsupportedAlgorithm;
        }
        return _rsa.VerifyData(data, signature, s.Hash, s.Padding) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>The public key as a JSON Web Key, as <c>/openid/v1/jwks</c> lists it.</summary>
    public JsonObject PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["use"] = "sig",
            ["kty"] = "RSA",
            ["kid"] = KeyId,
            ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    /// <summary>Never the key material.</summary>
    public override string ToString() => $"SigningKey(kid={KeyId})";
}

/// <summary>The outcome of <see cref="SigningKey.Verify"/>.</summary>
internal enum SignatureCheck
{
    Valid,
    Invalid,
    UnsupportedAlgorithm,
}
