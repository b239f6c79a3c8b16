using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runtime.Tests;

public class NotebookFileTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("jupyter-written.ipynb")]
    [InlineData("vscode-written.ipynb")]
    public void Unchanged_notebook_is_written_back_byte_for_byte(string name)
    {
        var bytes = File.ReadAllBytes(Fixture(name));
        var doc = NotebookDocument.Load(Fixture(name));
        var written = System.Text.Encoding.UTF8.GetBytes(doc.Serialize());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(written));
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Unknown_fields_metadata_ids_and_attachments_are_kept()
    {
        var doc = NotebookDocument.Load(Fixture("jupyter-written.ipynb"));
        Assert.True((bool)doc.Root["unknown_top"]!["keep"]!);
        var code = doc.Cells[1];
        Assert.Equal("cell-1", (string?)code.Json["id"]);
        Assert.Equal("csharp", (string?)code.Json["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.NotNull(doc.Cells[0].Json["attachments"]!["a.png"]);
    }

    [Fact]
    public void Malformed_json_is_a_clear_error()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(Fixture("malformed.ipynb")));
        Assert.Contains("malformed JSON", e.Message);
        Assert.Contains("malformed.ipynb", e.Message);
    }

    [Fact]
    public void Nbformat_3_is_rejected_with_what_was_expected()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(Fixture("nbformat3.ipynb")));
        Assert.Contains("expected nbformat 4, got nbformat 3", e.Message);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e22, "1e+22")]
    [InlineData(-2.5, "-2.5")]
    public void New_doubles_are_written_like_python(double value, string expected) =>
        Assert.Equal(expected, JupyterJson.FormatDouble(value));

    [Fact]
    public void Strings_escape_only_what_python_escapes()
    {
        var text = JupyterJson.Serialize(JsonValue.Create("é <&> \"q\" \\ \n \u0001"));
        Assert.Equal("\"é <&> \\\"q\\\" \\\\ \\n \\u0001\"", text);
    }
}
