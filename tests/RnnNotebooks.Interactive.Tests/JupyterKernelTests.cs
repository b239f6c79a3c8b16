using System.Text.Json;
using RnnNotebooks.Interactive.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>
/// Every notebook, unchanged, through .NET Interactive's Jupyter kernel: the <c>dotnet-interactive</c> tool that
/// <c>.config/dotnet-tools.json</c> pins, restored with <c>dotnet tool restore</c>, registered as <c>.net-csharp</c>
/// in a private Jupyter path, and driven by Jupyter's own <c>nbconvert --execute</c>.
/// </summary>
public sealed class JupyterKernelTests(DotnetInteractiveKernelSpec kernel, ITestOutputHelper output) : IClassFixture<DotnetInteractiveKernelSpec>
{
    public static TheoryData<string> Notebooks() => Repository.NotebookNames();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_in_the_dotnet_interactive_Jupyter_kernel_without_error(string notebook)
    {
        var outDir = Repository.Artifacts("dotnet-interactive");
        var run = ProcessRunner.Run(ProcessRunner.Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
             "--ExecutePreprocessor.timeout=900", "--ExecutePreprocessor.startup_timeout=180", "--output-dir", outDir, notebook],
            Repository.NotebooksDirectory, TimeSpan.FromMinutes(20), kernel.Environment);
        Assert.True(run.ExitCode == 0, run.Describe($"nbconvert --execute {notebook} with the .net-csharp kernel"));
        var charts = NotebookOutputs.AssertClean(Path.Combine(outDir, notebook));
        Assert.True(charts > 0, $"{notebook} displayed no chart");
        output.WriteLine($"{notebook}: {charts} charts, {run.Seconds:0.0} s through dotnet-interactive {DotnetInteractiveKernelSpec.ToolVersion} and nbconvert");
    }
}
