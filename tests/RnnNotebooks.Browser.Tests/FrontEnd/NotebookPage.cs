using System.Diagnostics;
using Microsoft.Playwright;
using RnnNotebooks.Browser.Tests.Support;

namespace RnnNotebooks.Browser.Tests.FrontEnd;

/// <summary>A notebook open in the classic Jupyter Notebook page, driven the way a person uses it.</summary>
internal sealed class NotebookPage(WatchedPage watched, string kernelName)
{
    /// <summary>How long a notebook may take to run, kernel start included.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    public WatchedPage Watched { get; } = watched;

    public IPage Page => Watched.Page;

    /// <summary>Opens the notebook and waits until its kernel is connected; autosave is turned off.</summary>
    public static async Task<NotebookPage> OpenAsync(JupyterFrontEnd frontEnd, string notebook, string kernelName)
    {
        var watched = await frontEnd.Browser.NewPageAsync();
        var page = new NotebookPage(watched, kernelName);
        await watched.Page.GotoAsync(frontEnd.Server.NotebookPage(notebook).ToString());
        await page.WaitAsync("window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", TimeSpan.FromSeconds(60), "the notebook page to load");
        await watched.Page.EvaluateAsync("() => Jupyter.notebook.set_autosave_interval(0)");
        await page.WaitForKernelAsync();
        return page;
    }

    private async Task WaitForKernelAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            var state = await Page.EvaluateAsync<string>("""
                () => {
                  const dialog = document.querySelector('.modal.in .modal-body');
                  if (dialog) return 'dialog: ' + dialog.innerText;
                  const k = Jupyter.notebook.kernel;
                  return k && k.is_connected() ? 'connected:' + k.name : 'waiting';
                }
                """);
            if (state.StartsWith("dialog: ", StringComparison.Ordinal))
                throw new InvalidOperationException($"Jupyter showed a dialog instead of starting kernel '{kernelName}': {state[8..]}");
            if (state.StartsWith("connected:", StringComparison.Ordinal))
            {
                Assert.Equal(kernelName, state["connected:".Length..]);
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"kernel '{kernelName}' did not connect within 120 s");
    }

    /// <summary>Cell ▸ Run All, from the menu bar.</summary>
    public async Task RunAllFromMenuAsync()
    {
        await Page.ClickAsync("#celllink");
        await Page.ClickAsync("#run_all_cells > a");
    }

    /// <summary>Selects code cell <paramref name="index"/> and presses the toolbar's Run button.</summary>
    public async Task RunCellFromToolbarAsync(int index)
    {
        await Page.Locator("#notebook-container .cell.code_cell").Nth(index).Locator(".input_prompt").ClickAsync();
        await Page.ClickAsync("button[data-jupyter-action='jupyter-notebook:run-cell-and-select-next']");
    }

    /// <summary>The toolbar's Interrupt button.</summary>
    public Task InterruptFromToolbarAsync() => Page.ClickAsync("button[data-jupyter-action='jupyter-notebook:interrupt-kernel']");

    /// <summary>True while code cell <paramref name="index"/> is queued or running (its prompt shows *).</summary>
    public Task<bool> IsRunningAsync(int index)
        => Page.EvaluateAsync<bool>("i => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')[i].input_prompt_number === '*'", index);

    /// <summary>Waits until no cell is queued or running and the kernel indicator shows idle.</summary>
    public Task WaitUntilIdleAsync(TimeSpan timeout) => WaitAsync("""
        Jupyter.notebook.get_cells().every(c => c.cell_type !== 'code' || c.input_prompt_number !== '*')
          && document.querySelector('#kernel_indicator_icon').classList.contains('kernel_idle_icon')
        """, timeout, "every cell to finish and the kernel to go idle");

    /// <summary>The notebook as the page holds it now, outputs included: what Save would write.</summary>
    public Task<string> ToJsonAsync() => Page.EvaluateAsync<string>("() => JSON.stringify(Jupyter.notebook.toJSON(), null, 1)");

    /// <summary>The notebook as the page holds it now, parsed.</summary>
    public async Task<NotebookFile> ToDocumentAsync(string source) => NotebookFile.Parse(await ToJsonAsync(), source);

    /// <summary>Polls a JavaScript condition; on time-out says what was awaited.</summary>
    public async Task WaitAsync(string condition, TimeSpan timeout, string what)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => {condition}", null, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 250 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}", e);
        }
    }
}
