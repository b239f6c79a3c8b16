using System.Text.Json.Nodes;

namespace RnnNotebooks.Kernel.Protocol;

/// <summary>One Jupyter message: routing identities, the four JSON parts and any binary buffers.</summary>
/// <param name="Identities">ZeroMQ routing frames before the <c>&lt;IDS|MSG&gt;</c> delimiter.</param>
/// <param name="Header">The message header (<c>msg_id</c>, <c>msg_type</c>, <c>session</c>, ...).</param>
/// <param name="ParentHeader">The header of the request this message answers, or an empty object.</param>
/// <param name="Metadata">Message metadata.</param>
/// <param name="Content">Message content.</param>
/// <param name="Buffers">Extra binary frames after the content.</param>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The <c>msg_type</c> from the header, or an empty string.</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>The <c>msg_id</c> from the header, or an empty string.</summary>
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";
}
