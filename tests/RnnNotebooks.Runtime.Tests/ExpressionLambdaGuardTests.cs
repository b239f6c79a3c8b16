using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

public class ExpressionLambdaGuardTests
{
    [Theory]
    [InlineData("var xs = new[] { 3, 1, 2 };\nxs.OrderBy(x => x).Select(x => x * 10).Sum()", "60")]
    [InlineData("Func<int, Func<int, int>> add = a => b => a + b;\nadd(2)(3)", "5")]
    [InlineData("var calls = 0;\nAction<int> inc = n => calls += n;\ninc(4);\ncalls", "4")]
    [InlineData("System.Linq.Expressions.Expression<Func<int, int>> e = x => x + 1;\ne.Body.ToString()", "(x + 1)")]
    [InlineData("async Task<int> Twice(Func<Task<int>> f) => 2 * await f();\nawait Twice(async () => await Task.FromResult(21))", "42")]
    [InlineData("var list = new List<string>();\nnew[] { \"a\", \"b\" }.ToList().ForEach(s => list.Add(s));\nstring.Join(\",\", list)", "a,b")]
    public async Task Guarded_lambdas_behave_as_written(string code, string expected)
    {
        using var s = new ScriptSession();
        var sink = new RecordingSink();
        var outcome = await s.ExecuteAsync(code, sink);
        Assert.True(outcome.Status == CellStatus.Ok, outcome.Error?.Message);
        Assert.Equal(expected, sink.Results.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task Compile_errors_after_a_guarded_lambda_keep_their_column()
    {
        using var s = new ScriptSession();
        var sink = new RecordingSink();
        await s.ExecuteAsync("var ys = new[] { 1 }.Select(y => y + 1).ToList();\nint z = \"no\";", sink);
        Assert.Equal((2, 9), (sink.Errors.Single().Line, sink.Errors.Single().Column));
    }
}
