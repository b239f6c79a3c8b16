using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// A Jupyter kernel: binds the five channels of a connection file, verifies every incoming
/// message, answers control requests on the socket thread and runs cells on an execution thread.
/// </summary>
public sealed class KernelHost : IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    private readonly KernelOptions _options;
    private readonly WireCodec _codec;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    // XPUB, not PUB: it hears subscriptions, so each new subscriber gets an iopub_welcome (JEP 65).
    private readonly XPublisherSocket _iopub = new();
    private readonly NetMQQueue<Outgoing> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly Messenger _messenger;
    private readonly ExecutionWorker _worker;
    private readonly Heartbeat _heartbeat;
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _shutdownStarted;
    private bool _disposed;

    /// <summary>Binds every channel; call <see cref="Start"/> to begin serving.</summary>
    /// <remarks>A port of 0 binds a free port; <see cref="Connection"/> then holds the real one.</remarks>
    public KernelHost(ConnectionInfo connection, KernelOptions options)
    {
        _options = options;
        _codec = new WireCodec(MessageSigner.Create(connection.Key, connection.SignatureScheme));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub })
            socket.Options.Linger = Linger;
        _iopub.Options.XPubVerbose = true; // every subscription, not only the first of each topic, is to be welcomed
        _heartbeat = new Heartbeat(options.Log);
        Connection = connection with
        {
            ShellPort = Bind(_shell, connection, connection.ShellPort),
            ControlPort = Bind(_control, connection, connection.ControlPort),
            StdinPort = Bind(_stdin, connection, connection.StdinPort),
            IOPubPort = Bind(_iopub, connection, connection.IOPubPort),
            HeartbeatPort = _heartbeat.Bind(connection),
        };
        _messenger = new Messenger(_codec, _outgoing, Guid.NewGuid().ToString());
        _worker = new ExecutionWorker(_messenger, options);
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Shell);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Control);
        _stdin.ReceiveReady += (_, e) => Receive(e.Socket, Channel.Stdin);
        _iopub.ReceiveReady += (_, e) => Welcome(e.Socket);
        _outgoing.ReceiveReady += (_, _) => SendPending();
        _poller = new NetMQPoller { _shell, _control, _stdin, _iopub, _outgoing };
    }

    /// <summary>The connection actually bound (ports filled in when 0 was asked).</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Completes when a <c>shutdown_request</c> was answered; the value is its <c>restart</c> flag.</summary>
    public Task<bool> Stopped => _stopped.Task;

    /// <summary>Completes once the script session has been created (or failed to start).</summary>
    public Task SessionReady => _worker.SessionReady;

    /// <summary>Starts the socket, heartbeat and execution threads.</summary>
    public void Start()
    {
        _heartbeat.Start();
        _worker.Start();
        _poller.RunAsync("csharp-rnn sockets");
        _messenger.Status("starting", null);
    }

    /// <summary>Stops every thread and closes the sockets.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _worker.Dispose();
        if (_poller.IsRunning)
            _poller.Stop();
        _poller.Dispose();
        _heartbeat.Dispose();
        _shell.Dispose();
        _control.Dispose();
        _stdin.Dispose();
        _iopub.Dispose();
        _outgoing.Dispose();
        _stopped.TrySetResult(false);
    }

    private static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port != 0 || connection.Transport != "tcp")
        {
            socket.Bind(connection.Endpoint(port));
            return port;
        }
        return socket.BindRandomPort($"tcp://{connection.Ip}");
    }

    private void Receive(NetMQSocket socket, Channel channel)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames))
        {
            if (!_codec.TryDecode(frames, out var message, out var rejection))
            {
                _options.Log($"dropped a message on {channel}: {rejection}");
                continue;
            }
            try
            {
                Dispatch(channel, message!);
            }
            catch (Exception e)
            {
                _options.Log($"{message!.MessageType} on {channel} failed: {e}");
            }
        }
    }

    /// <summary>
    /// Answers each IOPub subscription with an <c>iopub_welcome</c> on its topic. PUB/SUB drops what is published
    /// before a subscription arrives, so a client cannot tell a connected IOPub from a silent one; the welcome
    /// tells it at once (JEP 65) instead of after a retry of kernel_info (jupyter_client's wait_for_ready).
    /// </summary>
    private void Welcome(NetMQSocket socket)
    {
        while (socket.TryReceiveFrameBytes(TimeSpan.Zero, out var frame))
        {
            if (frame.Length == 0 || frame[0] != 1)
                continue; // an unsubscription
            var topic = System.Text.Encoding.UTF8.GetString(frame, 1, frame.Length - 1);
            _messenger.Publish("iopub_welcome", new JsonObject { ["subscription"] = topic }, null, topic);
        }
    }

    private void Dispatch(Channel channel, JupyterMessage message)
    {
        switch (channel, message.MessageType)
        {
            case (Channel.Shell or Channel.Control, "kernel_info_request"):
                Immediate(channel, message, () => _messenger.Reply(channel, message, "kernel_info_reply", KernelInfo.Reply(_options)));
                break;
            case (Channel.Shell or Channel.Control, "interrupt_request"):
                Immediate(channel, message, () =>
                {
                    _worker.Interrupt();
                    _messenger.Reply(channel, message, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                });
                break;
            case (Channel.Shell or Channel.Control, "shutdown_request"):
                Shutdown(channel, message);
                break;
            case (Channel.Shell, _):
                _worker.Enqueue(message);
                break;
            case (Channel.Stdin, "input_reply"):
                if (!_messenger.InputReplies.Deliver(message))
                    _options.Log("ignoring an input_reply that answers no pending input_request");
                break;
            case (Channel.Stdin, _):
                _options.Log($"ignoring '{message.MessageType}' on stdin: only input_reply is expected there");
                break;
            default:
                Immediate(channel, message, () => _options.Log($"ignoring unknown {channel} message type '{message.MessageType}'"));
                break;
        }
    }

    private void Immediate(Channel channel, JupyterMessage request, Action handle)
    {
        _messenger.Status("busy", request.Header);
        try
        {
            handle();
        }
        finally
        {
            _messenger.Status("idle", request.Header);
        }
    }

    private void Shutdown(Channel channel, JupyterMessage request)
    {
        var restart = request.Content["restart"] is JsonValue v && v.TryGetValue<bool>(out var r) && r;
        Immediate(channel, request, () =>
        {
            _worker.Interrupt();
            _messenger.Reply(channel, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        });
        if (Interlocked.Exchange(ref _shutdownStarted, 1) == 0)
            _messenger.Barrier(() => _stopped.TrySetResult(restart));
    }

    private void SendPending()
    {
        while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Marker is not null)
            {
                item.Marker();
                continue;
            }
            NetMQSocket socket = item.Channel switch
            {
                Channel.Shell => _shell,
                Channel.Control => _control,
                Channel.Stdin => _stdin,
                _ => _iopub,
            };
            try
            {
                socket.SendMultipartBytes(item.Frames);
            }
            catch (Exception e)
            {
                _options.Log($"could not send on {item.Channel}: {e.Message}");
            }
        }
    }
}
