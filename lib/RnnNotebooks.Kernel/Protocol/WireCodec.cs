using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Kernel.Protocol;

/// <summary>
/// Turns ZeroMQ frames into <see cref="JupyterMessage"/>s and back, signing and verifying. With signing on,
/// a received message whose signature was already seen is refused as a replay.
/// </summary>
public sealed class WireCodec(MessageSigner signer, SignatureHistory? history = null)
{
    private readonly SignatureHistory _history = history ?? new SignatureHistory();

    /// <summary>The frame that separates routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The signer this codec uses.</summary>
    public MessageSigner Signer => signer;

    /// <summary>Encodes a message as frames: identities, delimiter, signature, four JSON parts, buffers.</summary>
    public List<byte[]> Encode(JupyterMessage message)
    {
        var header = Serialize(message.Header);
        var parent = Serialize(message.ParentHeader);
        var metadata = Serialize(message.Metadata);
        var content = Serialize(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// Decodes and verifies received frames. Returns false, with a reason, for a malformed message,
    /// one whose signature does not match, or a copy of one already received; such a message must be dropped.
    /// </summary>
    public bool TryDecode(IReadOnlyList<byte[]> frames, out JupyterMessage? message, out string? rejection)
    {
        message = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0)
        {
            rejection = "no <IDS|MSG> delimiter";
            return false;
        }
        if (frames.Count < delimiter + 6)
        {
            rejection = $"expected signature, header, parent_header, metadata and content after the delimiter, got {frames.Count - delimiter - 1} frames";
            return false;
        }
        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            rejection = signature.Length == 0 ? "missing signature" : "invalid signature";
            return false;
        }
        if (signer.IsEnabled && !_history.TryRecord(signature))
        {
            rejection = "replayed message: its signature was already used by an earlier message";
            return false;
        }
        try
        {
            message = new JupyterMessage(
                frames.Take(delimiter).ToArray(),
                ParseObject(header, "header"),
                ParseObject(parent, "parent_header"),
                ParseObject(metadata, "metadata"),
                ParseObject(content, "content"),
                frames.Skip(delimiter + 6).ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            rejection = e.Message;
            return false;
        }
        rejection = null;
        return true;
    }

    /// <summary>Serializes a JSON part the way it goes on the wire (UTF-8, compact).</summary>
    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, JsonOptions);

    private static JsonObject ParseObject(byte[] bytes, string part)
    {
        if (bytes.Length == 0)
            return [];
        return JsonNode.Parse(bytes) as JsonObject
            ?? throw new InvalidDataException($"{part} is not a JSON object");
    }
}
