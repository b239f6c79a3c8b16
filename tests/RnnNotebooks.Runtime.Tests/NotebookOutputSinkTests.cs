using System.Diagnostics;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runtime.Tests;

public class NotebookOutputSinkTests
{
    private static (NotebookOutputSink Sink, NotebookCell Cell) NewCell()
    {
        var doc = NotebookDocument.Parse("""{"cells":[{"cell_type":"code","execution_count":null,"id":"a","metadata":{},"outputs":[],"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "t.ipynb");
        var sink = new NotebookOutputSink();
        sink.BeginCell(doc.Cells[0]);
        return (sink, doc.Cells[0]);
    }

    private static string StreamText(NotebookCell cell, string name) =>
        string.Concat(cell.Outputs.Where(o => (string?)o!["name"] == name).Select(o => NotebookText.Join(o!["text"])));

    [Fact]
    public void Consecutive_writes_merge_into_one_output_split_into_lines()
    {
        var (sink, cell) = NewCell();
        sink.Stream("stdout", "a");
        sink.Stream("stdout", "b\nc");
        sink.Stream("stdout", "\nd\n");
        sink.Stream("stderr", "e\n");
        sink.Stream("stdout", "f");

        Assert.Equal(3, cell.Outputs.Count);
        Assert.Equal(["ab\n", "c\n", "d\n"], cell.Outputs[0]!["text"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("e\n", StreamText(cell, "stderr"));
        Assert.Equal("f", NotebookText.Join(cell.Outputs[2]!["text"]));
    }

    [Fact]
    public void Many_small_writes_take_linear_time()
    {
        var (sink, cell) = NewCell();
        var line = new string('x', 9) + "\n";
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 99_000; i++) sink.Stream("stdout", line);
        Assert.Equal(99_000 * 10, StreamText(cell, "stdout").Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"99,000 writes took {watch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Output_past_a_million_characters_is_dropped_with_a_note_like_the_kernel()
    {
        var (sink, cell) = NewCell();
        var chunk = new string('y', 99_999) + "\n";
        for (var i = 0; i < 25; i++) sink.Stream("stdout", chunk);
        sink.Stream("stderr", "late\n");

        Assert.Equal(1_000_000, StreamText(cell, "stdout").Length);
        var note = StreamText(cell, "stderr");
        Assert.Contains("[output truncated: this cell wrote more than 1,000,000 characters; the rest is not shown]", note);
        Assert.Contains("1,500,005 characters of output were dropped", note);
        Assert.DoesNotContain("late", note);
    }

    [Fact]
    public void The_limit_is_per_cell()
    {
        var (sink, cell) = NewCell();
        sink.Stream("stdout", new string('z', 1_200_000));
        var doc = NotebookDocument.Parse("""{"cells":[{"cell_type":"code","execution_count":null,"id":"b","metadata":{},"outputs":[],"source":""}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "u.ipynb");
        sink.BeginCell(doc.Cells[0]);
        sink.Stream("stdout", "next cell\n");
        Assert.Equal("next cell\n", StreamText(doc.Cells[0], "stdout"));
        Assert.Equal(1_000_000, StreamText(cell, "stdout").Length);
    }
}
