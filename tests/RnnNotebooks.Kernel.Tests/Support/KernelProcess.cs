using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RnnNotebooks.Runtime.Packages;

namespace RnnNotebooks.Kernel.Tests.Support;

/// <summary>The built kernel run as its own process on a connection file, as Jupyter starts it.</summary>
internal sealed class KernelProcess : IDisposable
{
    public KernelProcess(string? workingDirectory = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kernel-test-").FullName;
        Key = Guid.NewGuid().ToString();
        Ports = Enumerable.Range(0, 5).Select(_ => FreePort()).ToArray();
        ConnectionFile = Path.Combine(Directory, "connection.json");
        File.WriteAllText(ConnectionFile, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["transport"] = "tcp", ["ip"] = "127.0.0.1", ["key"] = Key, ["signature_scheme"] = "hmac-sha256",
            ["shell_port"] = Ports[0], ["iopub_port"] = Ports[1], ["stdin_port"] = Ports[2],
            ["control_port"] = Ports[3], ["hb_port"] = Ports[4], ["kernel_name"] = "csharp-rnn",
        }));
        Process = Start([ConnectionFile], workingDirectory ?? Directory);
        Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue(e.Data); };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
        Frontend = new TestFrontend("127.0.0.1", Ports[0], Ports[3], Ports[1], Ports[4], Key, Ports[2]);
    }

    public string Directory { get; }

    public string Key { get; }

    public int[] Ports { get; }

    public string ConnectionFile { get; }

    public Process Process { get; }

    public TestFrontend Frontend { get; }

    /// <summary>Waits until the kernel answers on shell and IOPub; on failure says what the kernel wrote.</summary>
    public void WaitUntilReady()
    {
        try
        {
            Frontend.WaitForIOPub(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            var state = Process.HasExited ? $"exited with {Process.ExitCode}" : "still running";
            throw new TimeoutException($"{e.Message}; kernel {state}; stderr:\n{string.Join("\n", Log)}", e);
        }
    }

    /// <summary>The kernel assembly built next to the tests.</summary>
    public static string KernelDll => Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Kernel.dll");

    /// <summary>What the kernel wrote to stderr.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Starts the kernel with <paramref name="arguments"/>; the caller reads its output.</summary>
    public static Process Start(string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(KernelDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return System.Diagnostics.Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Frontend.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }
        Process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
