namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// Jupyter Notebook and Chromium started together for one test, and shut down together, whatever the test's
/// outcome: the browser closes, the server stops its kernels and exits, and any process that still carries
/// the session's marker is killed.
/// </summary>
internal sealed class JupyterFrontEnd : IAsyncDisposable
{
    private JupyterFrontEnd(ProcessMarker marker, JupyterNotebookServer server, BrowserSession browser)
    {
        Marker = marker;
        Server = server;
        Browser = browser;
    }

    public ProcessMarker Marker { get; }

    public JupyterNotebookServer Server { get; }

    public BrowserSession Browser { get; }

    /// <summary>Processes that outlived an orderly shutdown and had to be killed, as "pid: command line".</summary>
    public string? KilledAfterShutdown { get; private set; }

    public static async Task<JupyterFrontEnd> StartAsync(string kernelName)
    {
        var marker = new ProcessMarker();
        JupyterNotebookServer? server = null;
        try
        {
            server = await JupyterNotebookServer.StartAsync(kernelName, marker);
            var browser = await BrowserSession.LaunchAsync(marker);
            return new JupyterFrontEnd(marker, server, browser);
        }
        catch
        {
            if (server is not null)
                await server.DisposeAsync();
            marker.KillAll();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.DisposeAsync();
        }
        finally
        {
            await Server.DisposeAsync();
            var left = await Marker.WaitUntilGoneAsync(TimeSpan.FromSeconds(10));
            if (left.Count > 0)
            {
                KilledAfterShutdown = Marker.Describe(left);
                Marker.KillAll();
            }
        }
    }
}
