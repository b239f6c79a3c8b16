using System.Security.Cryptography;
using System.Text;

namespace RnnNotebooks.Kernel.Protocol;

/// <summary>
/// Signs and verifies messages as the Jupyter wire protocol specifies: an HMAC over the
/// header, parent header, metadata and content frames, sent as lowercase hex.
/// An empty key disables signing: the signature is the empty string.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;
    private readonly HashAlgorithmName _algorithm;

    private MessageSigner(byte[] key, HashAlgorithmName algorithm)
    {
        _key = key;
        _algorithm = algorithm;
    }

    /// <summary>True when a key is set and messages are signed and checked.</summary>
    public bool IsEnabled => _key.Length > 0;

    /// <summary>Creates a signer for a connection file's <c>key</c> and <c>signature_scheme</c>.</summary>
    /// <exception cref="InvalidDataException">The scheme is not one this kernel supports.</exception>
    public static MessageSigner Create(string key, string? scheme)
    {
        scheme = string.IsNullOrEmpty(scheme) ? "hmac-sha256" : scheme;
        var algorithm = scheme switch
        {
            "hmac-sha256" => HashAlgorithmName.SHA256,
            "hmac-sha384" => HashAlgorithmName.SHA384,
            "hmac-sha512" => HashAlgorithmName.SHA512,
            "hmac-sha1" => HashAlgorithmName.SHA1,
            "hmac-md5" => HashAlgorithmName.MD5,
            _ => throw new InvalidDataException(
                $"Unsupported signature_scheme '{scheme}'; expected hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha1 or hmac-md5."),
        };
        return new MessageSigner(Encoding.UTF8.GetBytes(key ?? ""), algorithm);
    }

    /// <summary>The hex signature of the four signed frames (empty when signing is off).</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
        => IsEnabled ? Convert.ToHexStringLower(Digest(header, parentHeader, metadata, content)) : "";

    /// <summary>
    /// Checks a received signature in constant time. With signing off every message passes;
    /// with signing on a missing, malformed or wrong signature fails.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> signatureHex, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled)
            return true;
        var expected = Digest(header, parentHeader, metadata, content);
        if (signatureHex.Length != expected.Length * 2)
            return false;
        Span<byte> received = stackalloc byte[expected.Length];
        for (var i = 0; i < received.Length; i++)
        {
            var hi = HexValue(signatureHex[2 * i]);
            var lo = HexValue(signatureHex[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return false;
            received[i] = (byte)((hi << 4) | lo);
        }
        return CryptographicOperations.FixedTimeEquals(received, expected);
    }

    private byte[] Digest(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        using var hmac = IncrementalHash.CreateHMAC(_algorithm, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return hmac.GetHashAndReset();
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
