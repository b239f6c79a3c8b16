using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using RnnNotebooks.Interactive.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>
/// Every notebook, unchanged, in .NET Interactive's C# kernel in this process: the notebook is read with .NET
/// Interactive's own .ipynb parser and each C# cell is submitted in order. A failed command or an error output
/// fails the test with the cell; charts must display as Plotly figures with an HTML fallback, tables as HTML.
/// </summary>
public sealed class InProcessKernelTests(ITestOutputHelper output)
{
    private const string PlotlyMime = "application/vnd.plotly.v1+json";

    public static TheoryData<string> Notebooks() => Repository.NotebookNames();

    /// <summary>Plotly.NET's <c>GenericChart</c> or one of its union cases.</summary>
    private static bool IsChart(Type type) => type.FullName == "Plotly.NET.GenericChart" || type.BaseType is { } b && IsChart(b);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_in_the_CSharpKernel_without_error(string notebook)
    {
        var document = Notebook.Parse(await File.ReadAllTextAsync(Repository.Notebook(notebook)),
            new KernelInfoCollection { new("csharp", "C#"), new("markdown", "Markdown") });
        var cells = document.Elements.Where(e => e.KernelName != "markdown").ToList();
        Assert.All(cells, c => Assert.Equal("csharp", c.KernelName));

        using var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers() };
        kernel.DefaultKernelName = "csharp";
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Repository.NotebooksDirectory; // where a front end starts the kernel
        var total = Stopwatch.StartNew();
        var timings = new List<(int Cell, double Seconds)>();
        var charts = 0;
        var librariesCarried = 0;
        try
        {
            for (var i = 0; i < cells.Count; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = await kernel.SendAsync(new SubmitCode(cells[i].Contents));
                timings.Add((i + 1, watch.Elapsed.TotalSeconds));
                var where = $"{notebook}, code cell {i + 1}";
                foreach (var e in result.Events)
                {
                    switch (e)
                    {
                        case CommandFailed failed:
                            Assert.Fail($"{where} failed: {failed.Message}");
                            break;
                        case ErrorProduced error:
                            Assert.Fail($"{where} produced an error: {error.Message}");
                            break;
                        case DisplayEvent display when display.Value is not null:
                            var shown = display.FormattedValues.ToDictionary(v => v.MimeType, v => v.Value);
                            var type = display.Value.GetType().FullName;
                            if (IsChart(display.Value.GetType()))
                            {
                                charts++;
                                Assert.True(shown.ContainsKey(PlotlyMime), $"{where}: a chart without {PlotlyMime} (got {string.Join(", ", shown.Keys)})");
                                Assert.IsType<JsonArray>(JsonNode.Parse(shown[PlotlyMime])!["data"]);
                                Assert.True(shown.TryGetValue("text/html", out var html) && html.Contains("newPlot"), $"{where}: a chart without its HTML fallback");
                                Assert.DoesNotContain("cdn.plot.ly/plotly-", html); // plotly.js itself names the CDN in its defaults
                                if (html.Contains("plotly.js v")) librariesCarried++;
                            }
                            else if (type is "RnnNotebooks.Charts.ResultTable" or "RnnNotebooks.Charts.ReproducedTable")
                            {
                                Assert.True(shown.TryGetValue("text/html", out var html) && html.StartsWith("<table>", StringComparison.Ordinal),
                                    $"{where}: a {type} that does not display as an HTML table");
                            }
                            break;
                    }
                }
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }

        output.WriteLine($"{notebook}: {cells.Count} code cells, {charts} charts, {total.Elapsed.TotalSeconds:0.0} s in .NET Interactive's CSharpKernel");
        foreach (var (cell, seconds) in timings.OrderByDescending(t => t.Seconds).Take(3))
            output.WriteLine($"  code cell {cell}: {seconds:0.00} s");
        Assert.True(charts > 0, $"{notebook} displayed no chart");
        Assert.Equal(1, librariesCarried); // the first chart carries plotly.js, the others reuse it
    }
}
