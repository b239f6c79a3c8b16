using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

public class AsyncCellTests
{
    [Theory]
    [InlineData("async Task<int> F() { await Task.Delay(20); return 41; }\nF().Result + 1", "42")]
    [InlineData("async Task<int> F() { await Task.Delay(20); return 41; }\nF().GetAwaiter().GetResult() + 1", "42")]
    [InlineData("var id = Environment.CurrentManagedThreadId;\nawait Task.Delay(20);\nEnvironment.CurrentManagedThreadId == id", "True")]
    [InlineData("await Task.Yield();\nvar t = Task.Run(async () => { await Task.Delay(10); return 2; });\nawait t", "2")]
    public async Task Async_cells_finish_blocking_waits_do_not_deadlock_and_awaits_return_to_the_cell_thread(string code, string expected)
    {
        using var s = new ScriptSession();
        var sink = new RecordingSink();
        var run = s.ExecuteAsync(code, sink, new CellExecutionOptions { Timeout = TimeSpan.FromSeconds(20) });
        var outcome = await run;
        Assert.True(outcome.Status == CellStatus.Ok, outcome.Error?.Message);
        Assert.Equal(expected, sink.Results.Single().Data["text/plain"]);
    }
}
