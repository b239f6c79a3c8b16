using System.Text.Json.Nodes;
using RnnNotebooks.Interactive.Tests.Support;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>
/// The metadata and setup cells every notebook needs to open and run the same way in Polyglot Notebooks, in Jupyter
/// front ends with the RnnNotebooks kernel and in the runner. <c>scripts/notebook-metadata.py</c> applies this shape.
/// </summary>
public sealed class NotebookShapeTests
{
    public static TheoryData<string> Notebooks() => Repository.NotebookNames();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_names_its_kernels_and_loads_the_library_the_same_way_everywhere(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(Repository.Notebook(notebook)))!;
        var metadata = root["metadata"]!;
        // Polyglot Notebooks claims a notebook whose kernelspec starts with ".net-"; Jupyter front ends match it exactly.
        Assert.Equal(".net-csharp-rnn", (string?)metadata["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)metadata["kernelspec"]?["language"]);
        Assert.Equal("C#", (string?)metadata["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        Assert.Contains("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray().Select(i => (string?)i!["name"]));

        var code = root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
        Assert.All(code, c =>
        {
            Assert.Equal("csharp", (string?)c!["metadata"]?["polyglot_notebook"]?["kernelName"]);
            Assert.Equal("csharp", (string?)c!["metadata"]?["dotnet_interactive"]?["language"]);
            Assert.DoesNotContain("#r \"project:", Source(c)); // the runtime's own directive; .NET Interactive does not know it
        });
        Assert.Equal("#load \"setup.csx\"", Source(code[0]).Trim());
        var references = Source(code[1]).Split('\n').TakeWhile(l => l.StartsWith("#r ", StringComparison.Ordinal)).ToList();
        Assert.Contains("#r \"../artifacts/notebook-lib/RnnNotebooks.dll\"", references);
        Assert.Contains("#r \"../artifacts/notebook-lib/RnnNotebooks.Charts.dll\"", references);
        Assert.Contains("#r \"../artifacts/notebook-lib/FSharp.Core.dll\"", references);
    }

    [Fact]
    public void Notebooks_are_valid_nbformat_and_in_the_shape_the_script_writes()
    {
        var notebooks = Directory.GetFiles(Repository.NotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        var check = ProcessRunner.Run(ProcessRunner.Python, [Path.Combine(Repository.Root, "scripts", "notebook-metadata.py"), "--check", .. notebooks],
            Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(check.ExitCode == 0, check.Describe("scripts/notebook-metadata.py --check"));
        var validate = ProcessRunner.Run(ProcessRunner.Python,
            ["-c", "import nbformat, sys\nfor p in sys.argv[1:]: nbformat.validate(nbformat.read(p, as_version=4))", .. notebooks],
            Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(validate.ExitCode == 0, validate.Describe("nbformat.validate"));
    }

    private static string Source(JsonNode? cell) => cell!["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };
}
