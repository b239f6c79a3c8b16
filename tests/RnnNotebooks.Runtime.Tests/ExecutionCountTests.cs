using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

public class ExecutionCountTests
{
    [Fact]
    public async Task The_session_numbers_cells_once_and_tells_the_sink_before_any_output()
    {
        using var s = new ScriptSession();
        var first = new CountingSink();
        var o1 = await s.ExecuteAsync("Console.WriteLine(1);", first);
        var silent = new CountingSink();
        var o2 = await s.ExecuteAsync("Console.WriteLine(2);", silent, new CellExecutionOptions { StoreHistory = false });
        var third = new CountingSink();
        var o3 = await s.ExecuteAsync("3", third);

        Assert.Equal((1, 1, 2), (o1.ExecutionCount, o2.ExecutionCount, o3.ExecutionCount));
        Assert.Equal(2, s.ExecutionCount);
        Assert.Equal(["started 1", "stdout"], first.Calls);
        Assert.Equal(["started 1", "stdout"], silent.Calls);
        Assert.Equal(["started 2", "result 2"], third.Calls);
    }

    private sealed class CountingSink : ICellOutputSink
    {
        public List<string> Calls { get; } = [];
        public void Started(int executionCount) => Calls.Add($"started {executionCount}");
        public void Stream(string name, string text) => Calls.Add(name);
        public void Display(MimeBundle bundle, string displayId) => Calls.Add("display");
        public void UpdateDisplay(MimeBundle bundle, string displayId) => Calls.Add("update");
        public void Result(MimeBundle bundle, int executionCount) => Calls.Add($"result {executionCount}");
        public void Error(CellError error) => Calls.Add("error");
    }
}
