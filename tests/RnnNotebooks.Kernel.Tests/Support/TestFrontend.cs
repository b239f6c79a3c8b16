using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;

namespace RnnNotebooks.Kernel.Tests.Support;

/// <summary>
/// A minimal Jupyter frontend written independently of the kernel's codec: it signs with its own
/// HMAC code, so a signing bug in the kernel cannot hide behind a matching bug here.
/// </summary>
internal sealed class TestFrontend : IDisposable
{
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();
    private readonly byte[] _key;
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly RequestSocket _heartbeat = new();
    private readonly DealerSocket _stdin = new();
    private readonly string _session = Guid.NewGuid().ToString();
    private readonly string _shellEndpoint;
    private readonly string _iopubEndpoint;

    public TestFrontend(string ip, int shell, int control, int iopub, int heartbeat, string key, int stdin)
    {
        _key = Encoding.UTF8.GetBytes(key);
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub, _heartbeat, _stdin })
            socket.Options.Linger = TimeSpan.Zero;
        // As jupyter_client does: shell and stdin share an identity, so the kernel's input_request finds this frontend.
        var identity = Encoding.ASCII.GetBytes(_session);
        _shell.Options.Identity = identity;
        _stdin.Options.Identity = identity;
        _stdin.Connect($"tcp://{ip}:{stdin}");
        _iopubEndpoint = $"tcp://{ip}:{iopub}";
        _iopub.Connect(_iopubEndpoint);
        _iopub.SubscribeToAnyTopic();
        _shellEndpoint = $"tcp://{ip}:{shell}";
        _shell.Connect(_shellEndpoint);
        _control.Connect($"tcp://{ip}:{control}");
        _heartbeat.Connect($"tcp://{ip}:{heartbeat}");
    }

    /// <summary>Waits until IOPub delivers (PUB drops messages sent before the subscription is live).</summary>
    public void WaitForIOPub(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var sent = new HashSet<string>();
        while (watch.Elapsed < timeout)
        {
            sent.Add(Send(_shell, "kernel_info_request", new JsonObject()));
            var until = watch.Elapsed + TimeSpan.FromSeconds(2);
            while (watch.Elapsed < until)
            {
                if (TryReceiveIOPub(TimeSpan.FromMilliseconds(100), out var message) && message!.ParentId is { } parent && sent.Contains(parent))
                {
                    // Let every kernel_info_reply and status arrive, then drop them: tests start clean.
                    Thread.Sleep(300);
                    while (TryReceive(_shell, TimeSpan.FromMilliseconds(200), out _))
                    {
                    }
                    DrainIOPub(TimeSpan.FromMilliseconds(200));
                    return;
                }
            }
        }
        throw new TimeoutException("IOPub never delivered a message");
    }

    public string SendShell(string type, JsonObject content, string? signatureOverride = null) => Send(_shell, type, content, signatureOverride);

    /// <summary>The frames of the last message sent, exactly as they went on the wire (for replay tests).</summary>
    public List<byte[]> LastSentFrames { get; private set; } = [];

    /// <summary>Sends <paramref name="frames"/> again on the shell socket, or from a new socket, as an eavesdropper would.</summary>
    public void Replay(List<byte[]> frames, bool fromNewSocket)
    {
        if (!fromNewSocket)
        {
            _shell.SendMultipartBytes(frames);
            return;
        }
        using var intruder = new DealerSocket();
        intruder.Options.Linger = TimeSpan.FromSeconds(1);
        intruder.Connect(_shellEndpoint);
        intruder.SendMultipartBytes(frames);
        Thread.Sleep(200);
    }

    public string SendControl(string type, JsonObject content) => Send(_control, type, content);

    public Message ReceiveShell(TimeSpan? timeout = null) => Receive(_shell, timeout, "shell");

    public Message ReceiveStdin(TimeSpan? timeout = null) => Receive(_stdin, timeout, "stdin");

    /// <summary>Answers an <c>input_request</c> with <c>input_reply</c>, as a person typing <paramref name="value"/> would.</summary>
    public void ReplyInput(Message request, string value) => Send(_stdin, "input_reply", new JsonObject { ["value"] = value }, parent: request.Header);

    public Message ReceiveControl(TimeSpan? timeout = null) => Receive(_control, timeout, "control");

    public bool TryReceiveShell(TimeSpan timeout, out Message? message) => TryReceive(_shell, timeout, out message);

    /// <summary>Subscribes a second IOPub socket to <paramref name="topic"/> and returns the first message it gets, if any.</summary>
    public Message? FirstMessageOfNewSubscriber(string topic, TimeSpan timeout)
    {
        using var subscriber = new SubscriberSocket();
        subscriber.Options.Linger = TimeSpan.Zero;
        subscriber.Connect(_iopubEndpoint);
        subscriber.Subscribe(topic);
        var frames = new List<byte[]>();
        return subscriber.TryReceiveMultipartBytes(timeout, ref frames) ? Decode(frames) : null;
    }

    public bool TryReceiveIOPub(TimeSpan timeout, out Message? message)
    {
        var frames = new List<byte[]>();
        if (!_iopub.TryReceiveMultipartBytes(timeout, ref frames))
        {
            message = null;
            return false;
        }
        message = Decode(frames);
        return true;
    }

    /// <summary>Every IOPub message with parent <paramref name="parentId"/> up to and including its <c>status: idle</c>.</summary>
    public List<Message> IOPubUntilIdle(string parentId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var watch = Stopwatch.StartNew();
        var messages = new List<Message>();
        while (watch.Elapsed < limit)
        {
            if (!TryReceiveIOPub(TimeSpan.FromMilliseconds(100), out var message) || message!.ParentId != parentId)
                continue;
            messages.Add(message);
            if (message.Type == "status" && message.Content["execution_state"]!.GetValue<string>() == "idle")
                return messages;
        }
        throw new TimeoutException($"no idle status for {parentId} within {limit}; got {string.Join(", ", messages.Select(m => m.Type))}");
    }

    public void DrainIOPub(TimeSpan quiet)
    {
        while (TryReceiveIOPub(quiet, out _))
        {
        }
    }

    public bool Ping(TimeSpan timeout)
    {
        _heartbeat.SendFrame("ping");
        return _heartbeat.TryReceiveFrameString(timeout, out var echo) && echo == "ping";
    }

    /// <summary>Runs a cell and returns its reply and IOPub messages.</summary>
    public (Message Reply, List<Message> IOPub) Execute(string code, TimeSpan? timeout = null, bool silent = false)
    {
        var id = SendShell("execute_request", ExecuteContent(code, silent));
        var reply = ReceiveShell(timeout ?? TimeSpan.FromSeconds(60));
        Assert.Equal(id, reply.ParentId);
        return (reply, IOPubUntilIdle(id, timeout));
    }

    /// <summary>The content of an <c>execute_request</c> as jupyter_client sends it.</summary>
    public static JsonObject ExecuteContent(string code, bool silent = false, bool allowStdin = false) => new()
    {
        ["code"] = code, ["silent"] = silent, ["store_history"] = !silent,
        ["user_expressions"] = new JsonObject(), ["allow_stdin"] = allowStdin, ["stop_on_error"] = true,
    };

    private string Send(NetMQSocket socket, string type, JsonObject content, string? signatureOverride = null, JsonObject? parent = null)
    {
        var id = Guid.NewGuid().ToString();
        var header = Bytes(new JsonObject
        {
            ["msg_id"] = id, ["session"] = _session, ["username"] = "test", ["msg_type"] = type,
            ["version"] = "5.3", ["date"] = DateTime.UtcNow.ToString("o"),
        });
        var parentHeader = parent is null ? "{}"u8.ToArray() : Bytes(parent);
        var metadata = "{}"u8.ToArray();
        var body = Bytes(content);
        var signature = signatureOverride ?? Sign(header, parentHeader, metadata, body);
        LastSentFrames = [Delimiter, Encoding.ASCII.GetBytes(signature), header, parentHeader, metadata, body];
        socket.SendMultipartBytes(LastSentFrames);
        return id;
    }

    private string Sign(params byte[][] parts)
    {
        if (_key.Length == 0)
            return "";
        using var hmac = new HMACSHA256(_key);
        foreach (var part in parts)
            hmac.TransformBlock(part, 0, part.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    private Message Receive(NetMQSocket socket, TimeSpan? timeout, string name)
        => TryReceive(socket, timeout ?? TimeSpan.FromSeconds(30), out var message)
            ? message!
            : throw new TimeoutException($"no reply on {name}");

    private bool TryReceive(NetMQSocket socket, TimeSpan timeout, out Message? message)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(timeout, ref frames))
        {
            message = null;
            return false;
        }
        message = Decode(frames);
        return true;
    }

    private Message Decode(List<byte[]> frames)
    {
        var at = frames.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        Assert.True(at >= 0, "reply without delimiter");
        var signature = Encoding.ASCII.GetString(frames[at + 1]);
        Assert.Equal(Sign(frames[at + 2], frames[at + 3], frames[at + 4], frames[at + 5]), signature);
        var header = JsonNode.Parse(frames[at + 2])!.AsObject();
        var parent = JsonNode.Parse(frames[at + 3])!.AsObject();
        return new Message(
            header["msg_type"]!.GetValue<string>(),
            parent["msg_id"]?.GetValue<string>(),
            header,
            JsonNode.Parse(frames[at + 5])!.AsObject());
    }

    private static byte[] Bytes(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    public void Dispose()
    {
        _shell.Dispose();
        _control.Dispose();
        _iopub.Dispose();
        _heartbeat.Dispose();
        _stdin.Dispose();
    }

    internal sealed record Message(string Type, string? ParentId, JsonObject Header, JsonObject Content)
    {
        public string Text(string name) => Content[name]?.GetValue<string>() ?? "";
    }
}
