using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

public class ScriptSessionErrorTests
{
    private static async Task<(CellOutcome Outcome, RecordingSink Sink)> Run(ScriptSession session, string code, int? cell = null)
    {
        var sink = new RecordingSink();
        var outcome = await session.ExecuteAsync(code, sink, new CellExecutionOptions { CellNumber = cell });
        return (outcome, sink);
    }

    [Fact]
    public async Task An_index_out_of_range_names_the_line_it_happened_on()
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, "var xs = new int[3];\nxs[0] = 1;\nxs[5] = 1;", cell: 2);
        Assert.Equal(CellStatus.Error, o.Status);
        var error = sink.Errors.Single();
        Assert.Equal("IndexOutOfRangeException", error.Name);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("cell 2, line 3: IndexOutOfRangeException", error.Traceback[0]);
    }

    [Theory]
    [InlineData("var xs = new int[3];\nint k = int.Parse(\"5\");\nxs[k] = 1;", 3)]
    [InlineData("var xs = new int[3];\nfor (int i = 0; i < 10; i++)\n{\n    xs[i] = i;\n}", 4)]
    [InlineData("var xs = new int[3];\nif (xs.Length > 0)\n    xs[9] = 1;", 3)]
    [InlineData("var xs = new int[3];\nawait Task.Yield();\n\nxs[3] = 1;", 4)]
    public async Task Top_level_statements_report_their_own_line(string code, int line)
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, code, cell: 5);
        Assert.Equal(CellStatus.Error, o.Status);
        Assert.Equal(line, sink.Errors.Single().Line);
    }

    [Fact]
    public async Task An_exception_inside_a_method_declared_in_the_cell_names_the_throwing_line()
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, "int Pick(int[] a, int i)\n{\n    return a[i];\n}\nvar v = Pick(new int[2], 7);", cell: 4);
        Assert.Equal(CellStatus.Error, o.Status);
        Assert.Equal(3, sink.Errors.Single().Line);
    }

    [Theory]
    [InlineData("class Bad { public override string ToString() => throw new InvalidOperationException(\"bad format\"); }\nnew Bad()")]
    [InlineData("class Bad { public override string ToString() => throw new InvalidOperationException(\"bad format\"); }\ndisplay(new Bad());")]
    [InlineData("class Bad { public string ToHtml() => throw new InvalidOperationException(\"bad format\"); }\nnew Bad()")]
    [InlineData("class Bad { public int Size => throw new InvalidOperationException(\"bad format\"); }\nnew Bad()")]
    [InlineData("using Microsoft.DotNet.Interactive.Formatting;\nclass Bad { }\nFormatter.Register<Bad>((b, w) => throw new InvalidOperationException(\"bad format\"), \"text/plain\");\nnew Bad()")]
    public async Task A_formatter_that_throws_fails_the_cell_with_the_cause_and_no_formatter_frames(string code)
    {
        using var s = new ScriptSession();
        var (o, sink) = await Run(s, code, cell: 1);
        Assert.Equal(CellStatus.Error, o.Status);
        var error = sink.Errors.Single();
        Assert.Equal("InvalidOperationException", error.Name);
        Assert.Equal("bad format", error.Message);
        var all = string.Join("\n", error.Traceback) + string.Concat(sink.Events.Where(e => e.Kind != "error").Select(e => e.Payload is MimeBundle b ? string.Concat(b.Data.Values) : e.Payload.ToString()));
        Assert.DoesNotContain("PlainTextSummaryFormatter", all);
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", all);
        Assert.DoesNotContain(sink.Events, e => e.Kind == "result");
        var (after, afterSink) = await Run(s, "1 + 2");
        Assert.Equal(CellStatus.Ok, after.Status);
        Assert.Equal("3", afterSink.Results.Single().Data["text/plain"]);
    }
}
