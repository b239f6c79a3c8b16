using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// Debian's Jupyter Notebook server (<c>jupyter-notebook</c>) on 127.0.0.1, a free port and a random token,
/// serving the repository. Its Jupyter folders are private and hold one kernelspec, pointing at the kernel
/// built next to these tests. It never writes a notebook: saving is refused and autosave is off in the pages,
/// so running a notebook here leaves the source tree as it was.
/// </summary>
internal sealed class JupyterNotebookServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/jupyter-notebook";

    private readonly Process _process;
    private readonly string _home;
    private readonly ConcurrentQueue<string> _log = new();

    private JupyterNotebookServer(Process process, string home, int port, string token)
    {
        _process = process;
        _home = home;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        Token = token;
    }

    public Uri BaseUri { get; }

    public string Token { get; }

    /// <summary>The server's own log (stderr and stdout), for failure messages.</summary>
    public string Log => string.Join("\n", _log.TakeLast(60));

    /// <summary>The classic notebook page of <paramref name="path"/>, relative to the repository root.</summary>
    public Uri NotebookPage(string path)
    {
        var relative = Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
        return new Uri(BaseUri, $"notebooks/{string.Join('/', relative.Split('/').Select(Uri.EscapeDataString))}?token={Token}");
    }

    /// <summary>Starts the server with a kernelspec named <paramref name="kernelName"/> and waits until it answers.</summary>
    public static async Task<JupyterNotebookServer> StartAsync(string kernelName, ProcessMarker marker)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's jupyter-notebook package (.ci/run does).");
        var home = Directory.CreateTempSubdirectory("rnn-browser-jupyter-").FullName;
        WriteKernelSpec(Path.Combine(home, "data", "kernels", kernelName));
        WriteConfig(Path.Combine(home, "config"), Path.Combine(home, "checkpoints"));

        var port = FreePort();
        var token = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in new[]
                 {
                     "--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
                     $"--NotebookApp.token={token}", $"--notebook-dir={Repository.Root}",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["JUPYTER_PATH"] = Path.Combine(home, "data");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(home, "data");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(home, "config");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(home, "runtime");
        start.Environment["IPYTHONDIR"] = Path.Combine(home, "ipython");
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment[ProcessMarker.Variable] = marker.Value;

        var process = Process.Start(start)!;
        var server = new JupyterNotebookServer(process, home, port, token);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"jupyter-notebook exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, $"api/kernelspecs?token={Token}"));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"jupyter-notebook did not answer on {BaseUri} within {timeout.TotalSeconds} s:\n{Log}");
    }

    /// <summary>Asks the server to shut down, which stops its kernels; kills its process tree if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "api/shutdown"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", Token);
                using var response = await http.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Killed below.
            }
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(15)))
            {
                _process.Kill(entireProcessTree: true);
                await WaitForExitAsync(TimeSpan.FromSeconds(5));
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The kernel as the solution builds it, started with the dotnet host as Jupyter would.</summary>
    private static void WriteKernelSpec(string directory)
    {
        Directory.CreateDirectory(directory);
        var kernel = Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Kernel.dll");
        if (!File.Exists(kernel))
            throw new FileNotFoundException($"the kernel was not built next to the tests: {kernel}");
        File.WriteAllText(Path.Combine(directory, "kernel.json"), JsonSerializer.Serialize(new
        {
            argv = new[] { DotnetHost(), kernel, "{connection_file}" },
            display_name = "C# (RnnNotebooks, test build)",
            language = "C#",
            interrupt_mode = "message",
        }));
    }

    /// <summary>A contents manager that refuses to save, checkpoints out of the tree, no Python kernel.</summary>
    private static void WriteConfig(string directory, string checkpoints)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "jupyter_notebook_config.py"), $$"""
            from notebook.services.contents.filemanager import FileContentsManager
            from tornado import web

            class NeverSaves(FileContentsManager):
                def save(self, model, path=''):
                    raise web.HTTPError(403, 'this test server does not write notebooks')

            c.NotebookApp.contents_manager_class = NeverSaves
            c.FileCheckpoints.checkpoint_dir = {{JsonSerializer.Serialize(checkpoints)}}
            c.KernelSpecManager.ensure_native_kernel = False
            c.NotebookApp.open_browser = False
            """);
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet")
            return host;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
