using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runtime.Tests;

public sealed class RunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rnn-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Notebook(string name, params string[] codeCells)
    {
        var doc = NotebookDocument.CreateNew();
        var cells = (JsonArray)doc.Root["cells"]!;
        cells.Add(new JsonObject { ["cell_type"] = "markdown", ["id"] = "md", ["metadata"] = new JsonObject(), ["source"] = "# " + name });
        for (var i = 0; i < codeCells.Length; i++)
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"c{i}", ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = NotebookText.Split(codeCells[i]),
            });
        var path = Path.Combine(_dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, doc.Serialize());
        return path;
    }

    [Fact]
    public void Each_notebook_fails_alone_with_its_cell_and_line_and_leaves_no_partial_file()
    {
        Notebook("a-ok.ipynb", "var x = 20 + 1;\nConsole.WriteLine(x * 2);", "display(x); x");
        Notebook("b-exit.ipynb", "Console.WriteLine(\"bye\");", "Environment.Exit(3);");
        Notebook("c-error.ipynb", "var list = new List<int>();", "var ok = 1;\nvar first = list[5];", "Console.WriteLine(\"never\");");
        Notebook("d-timeout.ipynb", "while (true) {}");
        Notebook("e-compile.ipynb", "int a = \"text\";");
        File.WriteAllText(Path.Combine(_dir, "in", "f-malformed.ipynb"), "{\"cells\": [");
        File.WriteAllText(Path.Combine(_dir, "in", "g-v3.ipynb"), "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": [], \"metadata\": {}}\n");
        Notebook("h-after.ipynb", "Console.WriteLine(\"still running\");");
        var outDir = Path.Combine(_dir, "out");

        var (code, output) = RunnerProcess.Run(_dir, Path.Combine(_dir, "in"), "--out", outDir, "--timeout", "2");

        Assert.Equal(1, code);
        Assert.Matches(@"a-ok\.ipynb\W+2\W+[\d.]+\W+ok", output);
        Assert.Matches(@"h-after\.ipynb\W+1\W+[\d.]+\W+ok", output);
        Assert.Contains("b-exit.ipynb, cell 3: the notebook's process exited with code 3", output);
        Assert.Contains("c-error.ipynb, cell 3, line 2: ArgumentOutOfRangeException", output);
        Assert.Contains("d-timeout.ipynb, cell 2, line 1: TimeoutError", output);
        Assert.Contains("e-compile.ipynb, cell 2, line 1: CompilationError", output);
        Assert.Contains("f-malformed.ipynb: malformed JSON", output);
        Assert.Contains("g-v3.ipynb: expected nbformat 4, got nbformat 3", output);

        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToList();
        Assert.DoesNotContain(files, f => f!.Contains(".tmp") || f.StartsWith("f-malformed") || f.StartsWith("g-v3") || f.StartsWith("b-exit"));
        Assert.Contains("a-ok.ipynb", files);
        Assert.Contains("a-ok.html", files);

        var executed = NotebookDocument.Load(Path.Combine(outDir, "a-ok.ipynb"));
        var outputs = executed.Cells[1].Outputs;
        Assert.Equal("42\n", NotebookText.Join(outputs[0]!["text"]));
        Assert.Equal("21", NotebookText.Join(executed.Cells[2].Outputs[1]!["data"]!["text/plain"]));
        Assert.Equal(2, (int)executed.Cells[2].Json["execution_count"]!);
        var failed = NotebookDocument.Load(Path.Combine(outDir, "c-error.ipynb"));
        Assert.Equal("error", (string?)failed.Cells[2].Outputs.Single()!["output_type"]);
        Assert.Empty(failed.Cells[3].Outputs);

        // The source notebooks are untouched.
        Assert.Empty(NotebookDocument.Load(Path.Combine(_dir, "in", "a-ok.ipynb")).Cells[1].Outputs);
    }

    [Fact]
    public void Executed_notebooks_pass_the_nbformat_validator()
    {
        if (!RunnerProcess.NbformatAvailable())
        {
            Assert.Fail("SKIPPED in spirit: /usr/bin/python3 lacks nbformat; install python3-nbformat (apt) to run this check.");
        }
        Notebook("valid.ipynb",
            "Console.WriteLine(\"out\"); Console.Error.WriteLine(\"err\");",
            "var h = display(HTML(\"<i>a</i>\")); h.Update(\"b\");",
            "new { A = 1, B = \"two\" }",
            "throw new InvalidOperationException(\"bad\");");
        var outDir = Path.Combine(_dir, "out");
        var (_, output) = RunnerProcess.Run(_dir, Path.Combine(_dir, "in", "valid.ipynb"), "--out", outDir);
        Assert.Contains("valid.ipynb, cell 5, line 1: InvalidOperationException: bad", output);
        Assert.Null(RunnerProcess.Validate(Path.Combine(outDir, "valid.ipynb")));
    }
}
