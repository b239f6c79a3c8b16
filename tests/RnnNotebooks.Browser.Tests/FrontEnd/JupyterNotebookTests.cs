using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RnnNotebooks.Browser.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Browser.Tests.FrontEnd;

/// <summary>
/// Notebooks opened in Debian's Jupyter Notebook with our kernel and run from its menus in headless
/// Chromium, checked on the page as a reader sees them. Every expectation comes from the notebook as the
/// page itself holds it after the run (its outputs, charts and traces), never from a fixed list.
/// </summary>
public sealed class JupyterNotebookTests(ITestOutputHelper output)
{
    /// <summary>
    /// The notebooks run in the front end: by default the quickest one that has charts, tables and math
    /// (03, by its number, so a new title does not lose it); <c>RNN_BROWSER_NOTEBOOKS</c> picks others by
    /// number ("01,05") or "all". Every notebook's exported page is checked by <c>ExportedPageTests</c>.
    /// </summary>
    public static TheoryData<string> FrontEndNotebooks()
    {
        var wanted = Environment.GetEnvironmentVariable("RNN_BROWSER_NOTEBOOKS") is { Length: > 0 } value ? value : "03";
        var data = new TheoryData<string>();
        foreach (var notebook in Repository.Notebooks().Select(Path.GetFileName).OfType<string>())
            if (wanted == "all" || wanted.Split(',').Any(n => notebook.StartsWith(n.Trim() + "-", StringComparison.Ordinal)))
                data.Add(notebook);
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(FrontEndNotebooks))]
    public async Task Run_All_in_Jupyter_Notebook_draws_every_chart_table_and_formula(string notebook)
    {
        var path = Path.Combine(Repository.Root, "notebooks", notebook);
        var sourceText = File.ReadAllText(path);
        var kernelName = NotebookFile.Parse(sourceText, path).KernelName;
        var stem = Path.GetFileNameWithoutExtension(notebook);
        var total = Stopwatch.StartNew();

        await WithFrontEndAsync(kernelName, async frontEnd =>
        {
            var started = total.Elapsed;
            // The classic notebook has no plotly.js of its own and no Plotly renderer: every chart draws from its
            // text/html fallback, which must work offline (the first chart carries plotly.js). Any off-machine
            // request fails the test.
            var page = await NotebookPage.OpenAsync(frontEnd, path, kernelName);
            var opened = total.Elapsed;
            await page.RunAllFromMenuAsync();
            await page.WaitUntilIdleAsync(NotebookPage.RunTimeout);
            var ran = total.Elapsed;

            var json = await page.ToJsonAsync();
            File.WriteAllText(Path.Combine(Repository.ArtifactsDirectory, $"jupyter-{stem}.ipynb"), json);
            var executed = NotebookFile.Parse(json, $"{notebook} as run in Jupyter Notebook");

            Assert.Empty(executed.UnexecutedCodeCells);
            Assert.True(executed.Errors.Count == 0, $"{notebook}: error outputs in Jupyter Notebook:\n{Describe(executed.Errors)}");

            var charts = executed.Charts;
            await page.WaitAsync($"[...document.querySelectorAll('#notebook-container .js-plotly-plot')].filter(p => p._fullData && p.querySelector('.main-svg')).length >= {charts.Count}",
                TimeSpan.FromSeconds(60), $"{charts.Count} plotly charts to draw (uncaught: {string.Join("; ", page.Watched.Snapshot(page.Watched.Uncaught))}; " +
                $"blocked: {string.Join(", ", page.Watched.Snapshot(page.Watched.OffMachineRequests))})");
            var areas = await OutputAreasAsync(page.Page);

            Assert.Equal(0, areas.Sum(a => a.Errors));
            Assert.Equal(0, areas.Sum(a => a.Stderr));
            AssertCharts(notebook, charts, areas);
            AssertTables(notebook, executed.Tables, areas);
            await AssertMathAsync(page.Page, notebook, executed.Math);
            // Console errors are Jupyter's own here (it asks for a widgets extension that is not installed);
            // what our outputs' scripts throw is caught as uncaught exceptions.
            Assert.Empty(page.Watched.Snapshot(page.Watched.Uncaught));
            Assert.Empty(page.Watched.Snapshot(page.Watched.OffMachineRequests));

            var screenshot = Path.Combine(Repository.ArtifactsDirectory, $"jupyter-{stem}.png");
            await FullPageScreenshotAsync(page.Page, screenshot);
            output.WriteLine($"{notebook}: server and browser up in {started.TotalSeconds:0.0} s, kernel connected at {opened.TotalSeconds:0.0} s, " +
                             $"Run All finished at {ran.TotalSeconds:0.0} s ({executed.CodeCellCount} code cells, {charts.Count} charts, {executed.Tables.Count} tables, {executed.Math.Count} formulas)");
            output.WriteLine($"screenshot: {screenshot}");
            foreach (var message in page.Watched.Snapshot(page.Watched.ConsoleErrors))
                output.WriteLine($"console error: {(message.Length > 160 ? message[..160] + "…" : message)}");
        });

        Assert.Equal(sourceText, File.ReadAllText(path));
        output.WriteLine($"total {total.Elapsed.TotalSeconds:0.0} s, shut down cleanly");
    }

    [BrowserFact]
    public async Task Interrupt_from_the_toolbar_stops_an_endless_loop_and_the_next_cell_runs()
    {
        var kernelName = NotebookFile.Load(Repository.Notebooks()[0]).KernelName;
        var scratch = Path.Combine(Repository.ArtifactsDirectory, "interrupt", "endless-loop.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        File.WriteAllText(scratch, ScratchNotebook(kernelName, "var answer = 41;", "while (true) {}", "Console.WriteLine(answer + 1);"));

        await WithFrontEndAsync(kernelName, async frontEnd =>
        {
            var page = await NotebookPage.OpenAsync(frontEnd, scratch, kernelName);
            await page.RunCellFromToolbarAsync(0);
            await page.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

            await page.RunCellFromToolbarAsync(1);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.True(await page.IsRunningAsync(1), "the endless loop should still be running before the interrupt");
            var interrupted = Stopwatch.StartNew();
            await page.InterruptFromToolbarAsync();
            await page.WaitUntilIdleAsync(TimeSpan.FromSeconds(30));
            var stopped = interrupted.Elapsed;
            Assert.True(stopped < TimeSpan.FromSeconds(10), $"the interrupt took {stopped.TotalSeconds:0.0} s to stop the loop");

            var afterInterrupt = await page.ToDocumentAsync("endless loop, interrupted");
            var loopError = Assert.Single(afterInterrupt.Errors);
            Assert.Equal(1, loopError.CodeCell);
            Assert.NotNull(afterInterrupt.Outputs.Single(o => o.CodeCell == 1).Json["ename"]);

            await page.RunCellFromToolbarAsync(2);
            await page.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
            // Run on the last cell adds an empty one below it, which stays unexecuted.
            var after = await page.ToDocumentAsync("after the interrupt");
            Assert.DoesNotContain(2, after.UnexecutedCodeCells);
            var next = Assert.Single(after.Outputs, o => o.CodeCell == 2);
            Assert.Equal("42", NotebookFile.Text(next.Json["text"])?.Trim());
            var shown = await page.Page.Locator("#notebook-container .cell.code_cell").Nth(2).Locator(".output_area").InnerTextAsync();
            Assert.Contains("42", shown);
            var loopShown = await page.Page.Locator("#notebook-container .cell.code_cell").Nth(1).Locator(".output_error").CountAsync();
            Assert.Equal(1, loopShown);

            await FullPageScreenshotAsync(page.Page, Path.Combine(Repository.ArtifactsDirectory, "jupyter-interrupt.png"));
            output.WriteLine($"interrupt to idle: {stopped.TotalMilliseconds:0} ms; error shown: {loopError.Json["ename"]}");
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> against a fresh server and browser, shuts both down whatever happens,
    /// and fails if any process the session started had to be killed or is still alive.
    /// </summary>
    private async Task WithFrontEndAsync(string kernelName, Func<JupyterFrontEnd, Task> body)
    {
        var frontEnd = await JupyterFrontEnd.StartAsync(kernelName);
        var watch = Stopwatch.StartNew();
        try
        {
            await body(frontEnd);
        }
        catch
        {
            output.WriteLine($"jupyter-notebook log:\n{frontEnd.Server.Log}");
            throw;
        }
        finally
        {
            var shutdown = Stopwatch.StartNew();
            await frontEnd.DisposeAsync();
            output.WriteLine($"shutdown took {shutdown.Elapsed.TotalSeconds:0.0} s");
        }
        Assert.True(frontEnd.KilledAfterShutdown is null, $"processes outlived the shutdown and were killed:\n{frontEnd.KilledAfterShutdown}");
        Assert.Empty(frontEnd.Marker.LiveProcesses());
    }

    private sealed record OutputArea(int CodeCell, int Output, int Errors, int Stderr, int Svgs, JsonElement? Traces, int TableRows);

    /// <summary>Every output area on the page, by code cell and output index, with what it shows.</summary>
    private static async Task<IReadOnlyList<OutputArea>> OutputAreasAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('#notebook-container .cell.code_cell')].flatMap((cell, i) =>
              [...cell.querySelectorAll('.output_area')].map((area, j) => {
                const plot = area.querySelector('.js-plotly-plot');
                return {
                  cell: i, output: j,
                  errors: area.querySelectorAll('.output_error').length,
                  stderr: area.querySelectorAll('.output_stderr').length,
                  svgs: area.querySelectorAll('.main-svg').length,
                  traces: plot && plot._fullData ? plot.data.map(t => ({ type: t.type || 'scatter', name: t.name === undefined ? null : t.name })) : null,
                  tableRows: area.querySelectorAll('table tr').length,
                };
              }))
            """);
        return json.EnumerateArray().Select(a => new OutputArea(
            a.GetProperty("cell").GetInt32(), a.GetProperty("output").GetInt32(), a.GetProperty("errors").GetInt32(),
            a.GetProperty("stderr").GetInt32(), a.GetProperty("svgs").GetInt32(),
            a.GetProperty("traces").ValueKind == JsonValueKind.Null ? null : a.GetProperty("traces").Clone(),
            a.GetProperty("tableRows").GetInt32())).ToList();
    }

    private static void AssertCharts(string notebook, IReadOnlyList<(CellOutput Output, IReadOnlyList<PlotTrace> Traces)> charts, IReadOnlyList<OutputArea> areas)
    {
        Assert.Equal(charts.Count, areas.Count(a => a.Traces is not null));
        foreach (var (chart, traces) in charts)
        {
            var area = areas.SingleOrDefault(a => a.CodeCell == chart.CodeCell && a.Output == chart.Output);
            var where = $"{notebook}, code cell {chart.CodeCell + 1}, output {chart.Output + 1}";
            Assert.True(area is not null, $"{where}: no output area on the page");
            Assert.True(area.Svgs > 0, $"{where}: the chart drew no .main-svg");
            Assert.True(area.Traces is not null, $"{where}: no plotly chart in the output area");
            var drawn = area.Traces.Value.EnumerateArray()
                .Select(t => new PlotTrace(t.GetProperty("type").GetString()!, t.GetProperty("name").ValueKind == JsonValueKind.String ? t.GetProperty("name").GetString() : null))
                .ToList();
            Assert.True(traces.SequenceEqual(drawn), $"{where}: expected traces [{string.Join(", ", traces)}], drawn [{string.Join(", ", drawn)}]");
        }
    }

    private static void AssertTables(string notebook, IReadOnlyList<CellOutput> tables, IReadOnlyList<OutputArea> areas)
    {
        foreach (var table in tables)
        {
            var area = areas.SingleOrDefault(a => a.CodeCell == table.CodeCell && a.Output == table.Output);
            Assert.True(area is { TableRows: > 1 }, $"{notebook}, code cell {table.CodeCell + 1}, output {table.Output + 1}: the HTML table did not render with rows");
        }
    }

    /// <summary>MathJax has typeset every formula of the markdown: none is left in its TeX source form.</summary>
    private static async Task AssertMathAsync(IPage page, string notebook, IReadOnlyList<string> math)
    {
        await page.EvaluateAsync("() => new Promise(done => window.MathJax ? MathJax.Hub.Queue(() => done(true)) : done(false))");
        var rendered = await page.EvaluateAsync<JsonElement>("""
            () => ({
              text: [...document.querySelectorAll('.text_cell_render')].map(e => e.innerText).join('\n'),
              typeset: document.querySelectorAll('.text_cell_render .MathJax, .text_cell_render .MathJax_Display, .text_cell_render .MathJax_SVG, .text_cell_render mjx-container').length,
              errors: document.querySelectorAll('.text_cell_render .MathJax_Error, .text_cell_render merror, .text_cell_render .merror').length,
            })
            """);
        var text = rendered.GetProperty("text").GetString()!;
        if (math.Count > 0)
            Assert.True(rendered.GetProperty("typeset").GetInt32() > 0, $"{notebook}: the markdown has {math.Count} formulas but MathJax typeset none");
        Assert.Equal(0, rendered.GetProperty("errors").GetInt32());
        var raw = math.Where(m => text.Contains(m, StringComparison.Ordinal)).ToList();
        Assert.True(raw.Count == 0, $"{notebook}: formulas left as TeX source on the page: {string.Join("  ", raw.Take(5))}");
    }

    /// <summary>
    /// The classic notebook scrolls inside its own panel, so a full-page capture would show one screen:
    /// the viewport is stretched to the notebook's height (capped) for the picture.
    /// </summary>
    private static async Task FullPageScreenshotAsync(IPage page, string path)
    {
        var height = await page.EvaluateAsync<int>("() => document.querySelector('#header').offsetHeight + document.querySelector('#notebook').scrollHeight");
        var viewport = page.ViewportSize!;
        await page.SetViewportSizeAsync(viewport.Width, Math.Min(height, 16000));
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
    }

    private static string ScratchNotebook(string kernelName, params string[] cells) => new JsonObject
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = kernelName, ["display_name"] = kernelName, ["language"] = "C#" } },
        ["cells"] = new JsonArray(cells.Select((code, i) => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["id"] = $"cell-{i}",
            ["metadata"] = new JsonObject(),
            ["execution_count"] = null,
            ["outputs"] = new JsonArray(),
            ["source"] = code,
        }).ToArray()),
    }.ToJsonString();

    private static string Describe(IEnumerable<CellOutput> outputs) => string.Join("\n", outputs.Select(o =>
        $"code cell {o.CodeCell + 1}: {o.Json["ename"]}: {o.Json["evalue"]}"));
}
