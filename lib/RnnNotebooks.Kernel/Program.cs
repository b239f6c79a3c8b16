using RnnNotebooks.Kernel.Hosting;
using RnnNotebooks.Kernel.Install;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel;

/// <summary>Command line: run the kernel on a connection file, or install/uninstall its kernelspec.</summary>
public static class Program
{
    private const string Usage = """
        C# Jupyter kernel for RnnNotebooks.

        Usage:
          rnn-notebooks-kernel <connection_file>      run the kernel (Jupyter starts it this way)
          rnn-notebooks-kernel install [--artifacts-path DIR]
                                                      register the '.net-csharp-rnn' kernelspec; from a clone, first
                                                      publish the kernel to ~/.local/share/rnnnotebooks/kernel
          rnn-notebooks-kernel uninstall              remove the kernelspec and the published kernel

        As a .NET tool:  dotnet tool install --global --add-source artifacts/packages RnnNotebooks.Kernel
                         rnn-notebooks-kernel install
        From a clone:    dotnet run --project lib/RnnNotebooks.Kernel -c Release -- install
        """;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "install" => new KernelSpecInstaller(Console.Out).Install(Option(args, "--artifacts-path")),
                "uninstall" => new KernelSpecInstaller(Console.Out).Uninstall(),
                "run" when args.Length > 1 => Run(args[1]),
                "--connection-file" or "-f" when args.Length > 1 => Run(args[1]),
                _ when !args[0].StartsWith('-') => Run(args[0]),
                _ => Fail($"Unknown argument '{args[0]}'.\n\n{Usage}"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
    }

    private static int Run(string connectionFile)
    {
        // Options first: they start the session's warm-up, which then overlaps everything below.
        var options = EngineSessions.KernelOptions(Environment.CurrentDirectory);
        var connection = ConnectionInfo.Load(connectionFile);
        bool restart;
        using (var host = new KernelHost(connection, options))
        {
            host.Start();
            restart = host.Stopped.GetAwaiter().GetResult();
            options.Log(restart ? "shutting down for a restart" : "shutting down");
        }
        NetMQ.NetMQConfig.Cleanup(block: false);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
