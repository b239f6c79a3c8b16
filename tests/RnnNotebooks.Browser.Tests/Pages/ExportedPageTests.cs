using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using RnnNotebooks.Browser.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Browser.Tests.Pages;

/// <summary>
/// Every notebook's exported page, opened from disk in Chromium with the network cut off: it must need
/// nothing from outside, log no error, draw one chart per chart output of the executed notebook with the
/// same traces, render all its math with KaTeX, and have a table of contents and links that lead somewhere.
/// </summary>
public sealed class ExportedPageTests(ExportedPages pages, ITestOutputHelper output) : IClassFixture<ExportedPages>
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in Repository.Notebooks())
            data.Add(Path.GetFileName(notebook));
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Exported_page_renders_offline_with_charts_math_and_working_links(string notebook)
    {
        Assert.True(pages.RunnerFailure is null, pages.RunnerFailure);
        var stem = Path.GetFileNameWithoutExtension(notebook);
        var html = Path.Combine(ExportedPages.Directory, stem + ".html");
        var executedPath = Path.Combine(ExportedPages.Directory, notebook);
        Assert.True(File.Exists(html), $"the runner wrote no page for {notebook} at {html}");
        Assert.True(File.GetLastWriteTimeUtc(html) >= pages.RunStartedUtc, $"{html} is older than this run");
        var executed = NotebookFile.Load(executedPath);
        var charts = executed.Charts;

        var watch = Stopwatch.StartNew();
        var watched = await pages.Browser.NewPageAsync();
        var page = watched.Page;
        try
        {
            await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
            var loaded = watch.Elapsed;
            try
            {
                await page.WaitForFunctionAsync(
                    $"() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.main-svg')).length >= {charts.Count}",
                    null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
            }
            catch (TimeoutException)
            {
                // Reported with the counts below.
            }

            var state = await page.EvaluateAsync<JsonElement>(InspectPage);
            Assert.True(watched.Snapshot(watched.OffMachineRequests).Count == 0,
                $"{stem}.html tried to reach off the machine:\n{string.Join("\n", watched.Snapshot(watched.OffMachineRequests))}");
            Assert.True(watched.Snapshot(watched.ConsoleErrors).Count == 0, $"{stem}.html logged errors:\n{string.Join("\n", watched.Snapshot(watched.ConsoleErrors))}");
            Assert.True(watched.Snapshot(watched.Uncaught).Count == 0, $"{stem}.html threw:\n{string.Join("\n", watched.Snapshot(watched.Uncaught))}");

            AssertCharts(stem, charts, state.GetProperty("charts"));
            AssertMath(stem, executed, state);
            var tocLinks = await AssertTableOfContentsAsync(page, stem, state);
            var (internalLinks, fileLinks, externalLinks) = AssertLinks(stem, state);
            var brokenImages = state.GetProperty("brokenImages").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(brokenImages.Count == 0, $"{stem}.html: images that did not load: {string.Join(", ", brokenImages)}");

            var screenshot = Path.Combine(Repository.ArtifactsDirectory, $"page-{stem}.png");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"{stem}.html: loaded in {loaded.TotalSeconds:0.00} s, checked in {watch.Elapsed.TotalSeconds:0.00} s; " +
                             $"{charts.Count} charts, {state.GetProperty("katex").GetInt32()} formulas, {tocLinks} contents entries, " +
                             $"{internalLinks} in-page, {fileLinks} file and {externalLinks} external links (the notebooks ran in {pages.RunnerTime.TotalSeconds:0.0} s)");
            output.WriteLine($"screenshot: {screenshot}");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Everything the checks need from the page, in one round trip.</summary>
    private const string InspectPage = """
        () => {
          const visibleText = root => {
            const clone = root.cloneNode(true);
            clone.querySelectorAll('pre, code, script, style, .katex, .katex-display').forEach(e => e.remove());
            return clone.textContent;
          };
          const headings = 'h1, h2, h3, h4, h5, h6';
          const tocs = [...document.querySelectorAll('nav')].filter(n => n.querySelector('a[href^="#"]'));
          return {
            charts: [...document.querySelectorAll('.js-plotly-plot')].map(p => ({
              svgs: p.querySelectorAll('.main-svg').length,
              traces: (p.data || []).map(t => ({ type: t.type || 'scatter', name: t.name === undefined ? null : String(t.name) })),
            })),
            katex: document.querySelectorAll('.katex').length,
            katexErrors: [...document.querySelectorAll('.katex-error')].map(e => e.textContent),
            text: visibleText(document.body),
            headings: document.querySelectorAll(headings).length,
            toc: tocs.length === 0 ? null : [...tocs[0].querySelectorAll('a[href^="#"]')].map(a => {
              const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
              return { href: a.getAttribute('href'), text: a.textContent.trim(),
                       target: target ? { heading: target.matches(headings), text: target.textContent.trim() } : null };
            }),
            links: [...document.querySelectorAll('a[href]')].map(a => {
              const href = a.getAttribute('href');
              if (href.startsWith('#')) {
                const id = decodeURIComponent(href.slice(1));
                return { href, kind: 'internal', ok: id === '' || !!document.getElementById(id) || document.getElementsByName(id).length > 0 };
              }
              const url = new URL(href, location.href);
              return { href, kind: url.protocol === 'file:' ? 'file' : 'external', resolved: url.protocol === 'file:' ? decodeURIComponent(url.pathname) : url.href };
            }),
            brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
          };
        }
        """;

    private static void AssertCharts(string stem, IReadOnlyList<(CellOutput Output, IReadOnlyList<PlotTrace> Traces)> expected, JsonElement drawn)
    {
        var plots = drawn.EnumerateArray().ToList();
        Assert.True(plots.Count == expected.Count,
            $"{stem}.html: the executed notebook has {expected.Count} chart outputs, the page has {plots.Count} plotly charts");
        for (var i = 0; i < plots.Count; i++)
        {
            var where = $"{stem}.html, chart {i + 1} (code cell {expected[i].Output.CodeCell + 1})";
            Assert.True(plots[i].GetProperty("svgs").GetInt32() > 0, $"{where}: drew no .main-svg");
            var traces = plots[i].GetProperty("traces").EnumerateArray()
                .Select(t => new PlotTrace(t.GetProperty("type").GetString()!, t.GetProperty("name").ValueKind == JsonValueKind.String ? t.GetProperty("name").GetString() : null))
                .ToList();
            Assert.True(expected[i].Traces.SequenceEqual(traces),
                $"{where}: expected traces [{string.Join(", ", expected[i].Traces)}], drawn [{string.Join(", ", traces)}]");
        }
    }

    private static void AssertMath(string stem, NotebookFile executed, JsonElement state)
    {
        var errors = state.GetProperty("katexErrors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(errors.Count == 0, $"{stem}.html: KaTeX could not render: {string.Join("  ", errors)}");
        if (executed.Math.Count > 0)
            Assert.True(state.GetProperty("katex").GetInt32() > 0, $"{stem}.html: the notebook has {executed.Math.Count} formulas, the page rendered none with KaTeX");
        var text = state.GetProperty("text").GetString()!;
        foreach (var delimiter in new[] { "$$", "\\[", "\\(" })
            Assert.False(text.Contains(delimiter, StringComparison.Ordinal), $"{stem}.html: raw {delimiter} left in the text: …{Around(text, delimiter)}…");
        var raw = executed.Math.Where(m => text.Contains(m, StringComparison.Ordinal)).ToList();
        Assert.True(raw.Count == 0, $"{stem}.html: formulas left as TeX source: {string.Join("  ", raw.Take(5))}");
    }

    /// <summary>The contents list names the page's headings, and following each entry brings its heading into view.</summary>
    private static async Task<int> AssertTableOfContentsAsync(IPage page, string stem, JsonElement state)
    {
        var toc = state.GetProperty("toc");
        var headings = state.GetProperty("headings").GetInt32();
        if (toc.ValueKind == JsonValueKind.Null)
        {
            Assert.True(headings < 3, $"{stem}.html: {headings} headings but no table of contents (a nav of in-page links)");
            return 0;
        }
        var entries = toc.EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var href = entry.GetProperty("href").GetString()!;
            var target = entry.GetProperty("target");
            Assert.True(target.ValueKind != JsonValueKind.Null, $"{stem}.html: contents entry {href} leads nowhere");
            Assert.True(target.GetProperty("heading").GetBoolean(), $"{stem}.html: contents entry {href} does not lead to a heading");
            Assert.Equal(entry.GetProperty("text").GetString(), target.GetProperty("text").GetString());
        }
        var viewport = page.ViewportSize!.Height;
        foreach (var entry in entries)
        {
            var href = entry.GetProperty("href").GetString()!;
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.Locator($"nav a[href=\"{href}\"]").First.ClickAsync();
            await page.WaitForFunctionAsync("h => location.hash === h", href, new PageWaitForFunctionOptions { Timeout = 5_000 });
            var position = await page.EvaluateAsync<JsonElement>("""
                h => {
                  const t = document.getElementById(decodeURIComponent(h.slice(1)));
                  return { top: t.getBoundingClientRect().top, atBottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2 };
                }
                """, href);
            var top = position.GetProperty("top").GetDouble();
            Assert.True(top >= -2 && (top < viewport / 2.0 || position.GetProperty("atBottom").GetBoolean()),
                $"{stem}.html: after following {href} its heading is at {top:0} px in a {viewport} px window");
        }
        return entries.Count;
    }

    private static (int Internal, int Files, int External) AssertLinks(string stem, JsonElement state)
    {
        int internalLinks = 0, fileLinks = 0, externalLinks = 0;
        foreach (var link in state.GetProperty("links").EnumerateArray())
        {
            var href = link.GetProperty("href").GetString()!;
            switch (link.GetProperty("kind").GetString())
            {
                case "internal":
                    Assert.True(link.GetProperty("ok").GetBoolean(), $"{stem}.html: link {href} has no target on the page");
                    internalLinks++;
                    break;
                case "file":
                    var path = link.GetProperty("resolved").GetString()!;
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{stem}.html: link {href} points at {path}, which does not exist");
                    fileLinks++;
                    break;
                default:
                    externalLinks++;
                    break;
            }
        }
        return (internalLinks, fileLinks, externalLinks);
    }

    private static string Around(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), 120 + needle.Length)).ReplaceLineEndings(" ");
    }
}
