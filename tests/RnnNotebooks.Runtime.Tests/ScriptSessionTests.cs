using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

[Collection(TimedSessions.Name)]
public class ScriptSessionTests
{
    private static async Task<(CellOutcome Outcome, RecordingSink Sink)> Run(ScriptSession session, string code, double? timeoutSeconds = null, int? cell = null)
    {
        var sink = new RecordingSink();
        var outcome = await session.ExecuteAsync(code, sink, new CellExecutionOptions
        {
            Timeout = timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
            CellNumber = cell,
        });
        return (outcome, sink);
    }

    [Fact]
    public async Task Stdout_and_stderr_become_streams_and_variables_persist()
    {
        using var s = new ScriptSession();
        var (o1, _) = await Run(s, "var answer = 6 * 7;");
        Assert.Equal(CellStatus.Ok, o1.Status);
        var (o2, sink) = await Run(s, "Console.WriteLine($\"answer {answer}\");\nConsole.Error.Write(\"warn\");");
        Assert.Equal(CellStatus.Ok, o2.Status);
        Assert.Equal("answer 42\n", sink.Stdout);
        Assert.Equal("warn", sink.Stderr);
        Assert.Equal(2, s.ExecutionCount);
    }

    [Fact]
    public async Task Trailing_expression_is_the_result_but_a_statement_is_not()
    {
        using var s = new ScriptSession();
        var (_, sink) = await Run(s, "var list = new List<int> { 1, 2 };\nlist.Count + 40");
        Assert.Equal("42", sink.Results.Single().Data["text/plain"]);
        var (_, quiet) = await Run(s, "var y = list.Count + 40;");
        Assert.Empty(quiet.Results);
    }

    [Fact]
    public async Task Display_and_update_share_one_display_id()
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, "var h = display(\"first\");\nh.Update(\"second\");\ndisplay(HTML(\"<b>x</b>\"));");
        Assert.Equal(CellStatus.Ok, o.Status);
        var display = sink.Events.First(e => e.Kind == "display");
        var update = sink.Events.Single(e => e.Kind == "update");
        Assert.Equal(display.Id, update.Id);
        Assert.Equal("second", ((MimeBundle)update.Payload).Data["text/plain"]);
        var html = (MimeBundle)sink.Events.Last(e => e.Kind == "display").Payload;
        Assert.Equal("<b>x</b>", html.Data["text/html"]);
        Assert.Empty(sink.Results);
    }

    [Fact]
    public async Task Types_with_ToHtml_display_as_html()
    {
        using var s = new ScriptSession();
        var (_, sink) = await Run(s, "class Report { public string ToHtml() => \"<table>r</table>\"; public override string ToString() => \"report\"; }\nnew Report()");
        var result = sink.Results.Single();
        Assert.Equal("<table>r</table>", result.Data["text/html"]);
        Assert.Equal("report", result.Data["text/plain"]);
    }

    [Fact]
    public async Task Plotly_chart_from_an_offline_nuget_reference_becomes_a_plotly_bundle()
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\nPlotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 5.0 })");
        Assert.True(o.Status == CellStatus.Ok, o.Error?.Message);
        var bundle = sink.Results.Single();
        var figure = Assert.IsAssignableFrom<JsonObject>(bundle.Data["application/vnd.plotly.v1+json"]);
        Assert.Equal(5.0, (double)figure["data"]![0]!["y"]![1]!);
        Assert.NotNull(figure["layout"]);
        Assert.Contains("Plotly.newPlot", (string)bundle.Data["text/html"]);
    }

    [Fact]
    public async Task Compile_errors_list_every_diagnostic_at_its_cell_line_and_column()
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, "#r \"nuget: Plotly.NET, 6.0.0\"\nvar a = 1;\nvar b = missing1;\nwhile (true) { var c = missing2; }", cell: 7);
        Assert.Equal(CellStatus.Error, o.Status);
        var error = sink.Errors.Single();
        Assert.Equal("CompilationError", error.Name);
        Assert.Contains("(3,9): error CS0103", error.Message);
        Assert.Contains("(4,24): error CS0103", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(9, error.Column);
        Assert.Contains("cell 7", error.Traceback[0]);
    }

    [Fact]
    public async Task Runtime_exception_reports_cell_line_and_message_and_keeps_earlier_variables()
    {
        using var s = new ScriptSession();
        await Run(s, "var kept = 5;");
        var (o, sink) = await Run(s, "int zero = 0;\n\nvar boom = kept / zero;", cell: 4);
        Assert.Equal(CellStatus.Error, o.Status);
        var error = sink.Errors.Single();
        Assert.Equal("DivideByZeroException", error.Name);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("cell 4, line 3: DivideByZeroException", error.Traceback[0]);
        var (_, after) = await Run(s, "kept");
        Assert.Equal("5", after.Results.Single().Data["text/plain"]);
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) ;")]
    [InlineData("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nFib(200)")]
    [InlineData("System.Threading.Thread.Sleep(100000);")]
    [InlineData("Task.Delay(100000).Wait();")]
    [InlineData("var items = Enumerable.Range(0, 10);\nforeach (var _ in items.Select(i => { while (true) { } return i; })) { }")]
    public async Task Timeout_stops_a_runaway_cell_and_the_session_stays_usable(string runaway)
    {
        using var s = new ScriptSession();
        await Run(s, "var before = 41;");
        var watch = Stopwatch.StartNew();
        var (o, sink) = await Run(s, "before++;\n" + runaway, timeoutSeconds: 1, cell: 2);
        Assert.Equal(CellStatus.TimedOut, o.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3.5), $"took {watch.Elapsed}");
        Assert.Equal("TimeoutError", sink.Errors.Single().Name);
        Assert.DoesNotContain("abandoned", sink.Errors.Single().Message);
        var (after, afterSink) = await Run(s, "before");
        Assert.Equal(CellStatus.Ok, after.Status);
        Assert.Equal("42", afterSink.Results.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task Interrupt_stops_a_busy_loop()
    {
        using var s = new ScriptSession();
        await Run(s, "var n = 1;");
        var running = Run(s, "while (true) { n = n; }");
        await Task.Delay(1500);
        var watch = Stopwatch.StartNew();
        s.Interrupt();
        var (o, sink) = await running;
        Assert.Equal(CellStatus.Interrupted, o.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal("KeyboardInterrupt", sink.Errors.Single().Name);
        var (_, after) = await Run(s, "n + 1");
        Assert.Equal("2", after.Results.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task Unknown_directive_and_missing_package_name_the_cell_and_line()
    {
        using var s = new ScriptSession();
        var (o1, sink1) = await Run(s, "var a = 1;\n#!fsharp", cell: 3);
        Assert.Equal(CellStatus.Error, o1.Status);
        Assert.Equal(2, sink1.Errors.Single().Line);
        Assert.Contains("cell 3, line 2: unknown directive '#!fsharp'", sink1.Errors.Single().Message);

        var (o2, sink2) = await Run(s, "\n#r \"nuget: No.Such.Package.Anywhere, 1.0.0\"", cell: 5);
        Assert.Equal(CellStatus.Error, o2.Status);
        Assert.Equal(2, sink2.Errors.Single().Line);
        Assert.StartsWith("cell 5, line 2: PackageResolutionError:", sink2.Errors.Single().Traceback.Single());
        Assert.Contains("No.Such.Package.Anywhere", sink2.Errors.Single().Message);
    }

    [Fact]
    public async Task Completion_offers_members_of_a_variable_and_inspection_gives_the_signature()
    {
        using var s = new ScriptSession();
        await Run(s, "var words = new List<string>();");
        var completion = await s.CompleteAsync("words.Ad", 8);
        Assert.Contains("Add", completion.Matches);
        Assert.Contains("AddRange", completion.Matches);
        Assert.Equal(6, completion.CursorStart);
        var inspection = await s.InspectAsync("words.Add(\"x\")", 7);
        Assert.NotNull(inspection);
        Assert.Contains("Add(string item)", inspection!.PlainText);
    }

    [Fact]
    public void IsComplete_sees_open_braces()
    {
        using var s = new ScriptSession();
        Assert.Equal(CodeCompleteness.Incomplete, s.IsComplete("for (var i = 0; i < 3; i++) {"));
        Assert.Equal(CodeCompleteness.Complete, s.IsComplete("var x = 1;"));
    }
}
