using System.Text.Json.Nodes;
using NetMQ;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Builds signed messages and hands them to the socket thread. Safe to call from any thread;
/// messages go out in the order they were handed over.
/// </summary>
internal sealed class Messenger(WireCodec codec, NetMQQueue<Outgoing> queue, string kernelSession)
{
    /// <summary>The kernel's own session id, used in every header it sends.</summary>
    public string KernelSession => kernelSession;

    /// <summary>Sends a reply to <paramref name="request"/> on the channel it came from.</summary>
    public void Reply(Channel channel, JupyterMessage request, string messageType, JsonObject content, JsonObject? metadata = null)
        => Send(channel, request.Identities, messageType, content, request.Header, metadata);

    /// <summary>Broadcasts on IOPub with <paramref name="parentHeader"/> as parent, under <paramref name="topic"/> or the usual <c>kernel.&lt;session&gt;.&lt;type&gt;</c>.</summary>
    public void Publish(string messageType, JsonObject content, JsonObject? parentHeader, string? topic = null)
    {
        var topicFrame = System.Text.Encoding.UTF8.GetBytes(topic ?? $"kernel.{kernelSession}.{messageType}");
        Send(Channel.IOPub, [topicFrame], messageType, content, parentHeader, null);
    }

    /// <summary>Publishes <c>status</c> (<c>busy</c>, <c>idle</c> or <c>starting</c>).</summary>
    public void Status(string state, JsonObject? parentHeader)
        => Publish("status", new JsonObject { ["execution_state"] = state }, parentHeader);

    /// <summary>
    /// Sends <c>input_request</c> on stdin to the front end that sent <paramref name="request"/>; the task completes
    /// with the text of its <c>input_reply</c>. Call <see cref="InputReplies.Forget"/> with the id when giving up.
    /// </summary>
    public (string RequestId, Task<string> Answer) RequestInput(JupyterMessage request, string prompt, bool password)
    {
        var id = Guid.NewGuid().ToString();
        var answer = InputReplies.Expect(id);
        Send(Channel.Stdin, request.Identities, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, request.Header, null, id);
        return (id, answer);
    }

    /// <summary>Where <c>input_reply</c> messages from the stdin channel go.</summary>
    public InputReplies InputReplies { get; } = new();

    /// <summary>Queues a marker: when the socket thread reaches it, everything before has been sent.</summary>
    public void Barrier(Action whenReached) => queue.Enqueue(new Outgoing(Channel.Heartbeat, [], whenReached));

    private void Send(Channel channel, IReadOnlyList<byte[]> identities, string messageType, JsonObject content, JsonObject? parentHeader, JsonObject? metadata, string? messageId = null)
    {
        var header = new JsonObject
        {
            ["msg_id"] = messageId ?? Guid.NewGuid().ToString(),
            ["session"] = kernelSession,
            ["username"] = "kernel",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["msg_type"] = messageType,
            ["version"] = KernelInfo.ProtocolVersion,
        };
        var message = new JupyterMessage(
            identities,
            header,
            parentHeader?.DeepClone().AsObject() ?? [],
            metadata ?? [],
            content,
            []);
        queue.Enqueue(new Outgoing(channel, codec.Encode(message), null));
    }
}

/// <summary>Frames ready to send on a channel, or a marker callback.</summary>
internal sealed record Outgoing(Channel Channel, List<byte[]> Frames, Action? Marker);
