using NetMQ;
using NetMQ.Sockets;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>The heartbeat channel: echoes every ping on a thread of its own, so it answers even while a cell runs.</summary>
internal sealed class Heartbeat(Action<string> log) : IDisposable
{
    private readonly ResponseSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public int Bind(ConnectionInfo connection)
    {
        _socket.Options.Linger = TimeSpan.Zero;
        if (connection.HeartbeatPort == 0 && connection.Transport == "tcp")
            return _socket.BindRandomPort($"tcp://{connection.Ip}");
        _socket.Bind(connection.Endpoint(connection.HeartbeatPort));
        return connection.HeartbeatPort;
    }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "csharp-rnn heartbeat" };
        _thread.Start();
    }

    private void Run()
    {
        var frames = new List<byte[]>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(200), ref frames))
                    _socket.SendMultipartBytes(frames);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or TerminatingException)
        {
        }
        catch (Exception e)
        {
            log($"heartbeat stopped: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(1));
        _socket.Dispose();
        _stop.Dispose();
    }
}
