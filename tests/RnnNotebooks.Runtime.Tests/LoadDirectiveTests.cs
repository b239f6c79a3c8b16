using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

/// <summary><c>#load "script.csx"</c>, which every notebook's first cell uses to build and load the library.</summary>
public sealed class LoadDirectiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("load-directive-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_loaded_script_runs_relative_to_the_notebook_and_its_declarations_stay_visible()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "notebooks"));
        File.WriteAllText(Path.Combine(_folder, "shared.csx"), "static class Greeting { public static string Text => \"hello from shared.csx\"; }\nConsole.WriteLine(Greeting.Text);\n");
        using var session = new ScriptSession(new ScriptSessionOptions { WorkingDirectory = Path.Combine(_folder, "notebooks") });

        var first = new RecordingSink();
        var outcome = await session.ExecuteAsync("// the first cell\n#load \"../shared.csx\"", first);
        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal("hello from shared.csx\n", first.Stdout);

        var second = new RecordingSink();
        Assert.Equal(CellStatus.Ok, (await session.ExecuteAsync("Greeting.Text.Length", second)).Status);
        Assert.Equal("21", second.Results.Single().Data["text/plain"]);
    }

    [Fact]
    public async Task A_missing_script_is_a_compile_error_that_names_it()
    {
        using var session = new ScriptSession(new ScriptSessionOptions { WorkingDirectory = _folder });
        var sink = new RecordingSink();
        var outcome = await session.ExecuteAsync("#load \"missing.csx\"", sink);
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("missing.csx", outcome.Error!.Message);
    }

    [Fact]
    public void The_parser_keeps_load_lines_for_the_compiler_and_blanks_reference_lines()
    {
        var parsed = DirectiveParser.Parse("#load \"a.csx\"\n#r \"b.dll\"\nvar x = 1;");
        Assert.Equal("#load \"a.csx\"\n\nvar x = 1;", parsed.Code);
        Assert.Equal([DirectiveKind.Load, DirectiveKind.Assembly], parsed.Directives.Select(d => d.Kind));
        Assert.Empty(parsed.Errors);
    }
}
