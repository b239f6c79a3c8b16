using RnnNotebooks.Kernel.Hosting;
using RnnNotebooks.Kernel.Protocol;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Tests.Support;

/// <summary>A kernel host on free loopback ports with a random key, plus a frontend connected to it.</summary>
internal sealed class InProcessKernel : IDisposable
{
    public InProcessKernel(Func<IScriptSession> sessionFactory, Func<KernelOptions, KernelOptions>? configure = null)
    {
        Key = Guid.NewGuid().ToString();
        var options = new KernelOptions { SessionFactory = sessionFactory, Log = line => Log.Enqueue(line) };
        Host = new KernelHost(new ConnectionInfo { Ip = "127.0.0.1", Key = Key }, configure?.Invoke(options) ?? options);
        Host.Start();
        var c = Host.Connection;
        Frontend = new TestFrontend(c.Ip, c.ShellPort, c.ControlPort, c.IOPubPort, c.HeartbeatPort, Key, c.StdinPort);
        Frontend.WaitForIOPub(TimeSpan.FromSeconds(30));
    }

    public string Key { get; }

    public KernelHost Host { get; }

    public TestFrontend Frontend { get; }

    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public void Dispose()
    {
        Frontend.Dispose();
        Host.Dispose();
    }
}
