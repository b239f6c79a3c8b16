using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Notebooks;
using RnnNotebooks.Runtime.Packages;
using Xunit.Abstractions;

namespace RnnNotebooks.Runtime.Tests;

/// <summary>
/// <c>#r "nuget: ..."</c> behaves the same through both front ends: the runner, and the kernel driven by Jupyter's
/// nbconvert. Packages are restored from the registry into temporary folders, so nothing already cached helps.
/// </summary>
public sealed class NuGetReferenceTests(ITestOutputHelper output) : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _dir = Directory.CreateTempSubdirectory("rnn-nuget-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void A_package_missing_from_the_cache_is_restored_and_runs_the_same_in_the_runner_and_the_kernel()
    {
        var (runner, kernel) = RunBoth("humanize.ipynb", "#r \"nuget: Humanizer.Core, 3.0.10\"\nusing Humanizer;\n\"some_title_here\".Humanize()");

        Assert.Equal("some title here", ResultText(runner));
        Assert.Equal(Outputs(runner), Outputs(kernel));
        Assert.True(Directory.Exists(Path.Combine(_dir, "nuget", "humanizer.core", "3.0.10")), "the package was not restored into the temporary folder");
    }

    [Theory]
    [InlineData("Humanizer.Coore", "3.0.10")]
    [InlineData("Humanizer.Core", "99.0.0")]
    public void A_bad_reference_gets_the_same_error_naming_package_and_version_in_both(string package, string version)
    {
        var (runner, kernel) = RunBoth("bad.ipynb", $"#r \"nuget: {package}, {version}\"");

        var error = runner.Single(o => (string?)o["output_type"] == "error");
        var message = (string)error["evalue"]!;
        Assert.Contains($"'{package}'", message);
        Assert.Contains(version, message);
        Assert.Equal(Outputs(runner), Outputs(kernel));
    }

    [Fact]
    public void Offline_the_runner_keeps_to_the_machine_and_says_how_to_add_a_package()
    {
        var notebook = Notebook("offline.ipynb", "#r \"nuget: Humanizer.Core, 3.0.10\"");
        var (code, text) = RunProcess(Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner"),
            [notebook, "--out", Path.Combine(_dir, "runner"), "--offline"]);
        Assert.Equal(1, code);
        Assert.Contains("package 'Humanizer.Core' version 3.0.10 is not available offline", text);
        Assert.Contains("Add it to Directory.Packages.props", text);
    }

    private (List<JsonObject> Runner, List<JsonObject> Kernel) RunBoth(string name, string cell)
    {
        var notebook = Notebook(name, cell);
        var runnerOut = Path.Combine(_dir, "runner");
        var (runnerCode, runnerText) = RunProcess(Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner"), [notebook, "--out", runnerOut]);
        output.WriteLine(runnerText);
        Assert.Contains("restoring NuGet package", runnerText); // the progress line while restoring

        Assert.True(File.Exists(Python), $"{Python} with nbconvert is required (Debian's jupyter-nbconvert; .ci/run installs it)");
        var kernelOut = Path.Combine(_dir, "kernel");
        var (kernelCode, kernelText) = RunProcess(Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=csharp-rnn-nuget-test",
             "--ExecutePreprocessor.timeout=600", "--output-dir", kernelOut, notebook]);
        output.WriteLine(kernelText);
        Assert.True(kernelCode == 0, $"nbconvert failed ({kernelCode}):\n{kernelText}");
        _ = runnerCode;
        return (CellOutputs(Path.Combine(runnerOut, name)), CellOutputs(Path.Combine(kernelOut, name)));
    }

    private string Notebook(string name, string cell)
    {
        var doc = NotebookDocument.CreateNew();
        ((JsonArray)doc.Root["cells"]!).Add(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "c1", ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(), ["source"] = NotebookText.Split(cell),
        });
        var path = Path.Combine(_dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, doc.Serialize());
        return path;
    }

    private (int Code, string Text) RunProcess(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Empty package folders: the NuGet global packages folder and the engine's restore cache.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_dir, "nuget");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_dir, "cache");
        start.Environment["JUPYTER_PATH"] = KernelSpec();
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish in 10 minutes");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    private string KernelSpec()
    {
        var root = Path.Combine(_dir, "jupyter");
        var spec = Path.Combine(root, "kernels", "csharp-rnn-nuget-test");
        if (Directory.Exists(spec)) return root;
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "kernel.json"), JsonSerializer.Serialize(new
        {
            argv = new[] { DotnetHost.Path, Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Kernel.dll"), "{connection_file}" },
            display_name = "C# (RnnNotebooks, test build)",
            language = "C#",
            interrupt_mode = "message",
        }));
        return root;
    }

    private static List<JsonObject> CellOutputs(string notebook) =>
        JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => c!["outputs"]!.AsArray().Select(o => o!.AsObject())).ToList();

    /// <summary>What a reader sees of each output: its type and its text (stream text, plain-text data, error name and value).</summary>
    private static List<string> Outputs(List<JsonObject> outputs) => outputs.Select(o => (string?)o["output_type"] switch
    {
        "stream" => $"stream {o["name"]}: {NotebookText.Join(o["text"])}",
        "error" => $"error {o["ename"]}: {o["evalue"]}",
        var type => $"{type}: {NotebookText.Join(o["data"]?["text/plain"])}",
    }).ToList();

    private static string? ResultText(List<JsonObject> outputs) =>
        outputs.Where(o => (string?)o["output_type"] == "execute_result").Select(o => NotebookText.Join(o["data"]!["text/plain"])).SingleOrDefault();
}
