using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Tests.Editor;

/// <summary>
/// Jupyter's <c>is_complete</c> on the real engine: a console front end runs "complete" code, waits for
/// more lines on "incomplete" and shows the error at once on "invalid".
/// </summary>
public sealed class IsCompleteTests : IDisposable
{
    private readonly ScriptSession _session = new();

    public void Dispose() => _session.Dispose();

    [Theory]
    [InlineData("1 + 1")]
    [InlineData("var x = 1;")]
    [InlineData("class Point { public int X; }")]
    [InlineData("if (true) { }")]
    [InlineData("// a comment")]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"")]
    [InlineData("var s = @\"two\nlines\";")]
    [InlineData("")]
    [InlineData("   \n")]
    public void Complete_code_is_complete(string code) => Assert.Equal(CodeCompleteness.Complete, _session.IsComplete(code));

    [Theory]
    [InlineData("if (true) {")]
    [InlineData("if (true) {\n    var y = 2;\n")]
    [InlineData("Console.WriteLine(")]
    [InlineData("var total = 1 +")]
    [InlineData("class Point {")]
    [InlineData("var s = @\"first line\nsecond")]
    [InlineData("var s = \"\"\"\nraw")]
    [InlineData("var s = $\"{1 + ")]
    [InlineData("/* an open comment")]
    [InlineData("for (var i = 0; i < 3; i++)")]
    [InlineData("var xs = new[] { 1, 2,")]
    [InlineData("int x = 1")]
    public void Code_that_more_text_can_finish_is_incomplete(string code) => Assert.Equal(CodeCompleteness.Incomplete, _session.IsComplete(code));

    [Theory]
    [InlineData("}")]
    [InlineData("int x = );")]
    [InlineData("x = )")]
    [InlineData("var x = 1 2;")]
    [InlineData("if (true) { ) }")]
    [InlineData("Console.WriteLine(1))")]
    [InlineData("int x = );\nif (true) {")]
    [InlineData("var s = \"abc\nConsole.WriteLine(s);")]
    [InlineData("var s = \"abc")]
    [InlineData("var s = $\"abc")]
    [InlineData("char c = 'a")]
    [InlineData("#r nuget: NoQuotes")]
    public void Code_with_an_error_before_its_end_is_invalid(string code) => Assert.Equal(CodeCompleteness.Invalid, _session.IsComplete(code));
}
