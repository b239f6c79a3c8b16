using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Notebooks.Tests;

/// <summary>Executes every notebook in notebooks/ through the runner; any failing cell fails the test with notebook, cell and line.</summary>
public class NotebookTests
{
    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Directory.GetFiles(Path.Combine(RepositoryRoot(), "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(nb));
        return data;
    }

    [Fact]
    public void There_are_notebooks_to_run() => Assert.NotEmpty(Notebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_without_error(string notebook)
    {
        var root = RepositoryRoot();
        var outDir = Path.Combine(root, "artifacts", "notebook-tests");
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(root, "notebooks", notebook), "--out", outDir, "--timeout", "900" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{notebook} failed:\n{output}{await err}");

        var executed = Path.Combine(outDir, notebook);
        Assert.True(File.Exists(executed), $"no executed copy at {executed}");
        Assert.True(File.Exists(Path.ChangeExtension(executed, ".html")), "no HTML page");
        if (File.Exists("/usr/bin/python3"))
        {
            var v = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", executed }) v.ArgumentList.Add(a);
            using var vp = Process.Start(v)!;
            var verr = await vp.StandardError.ReadToEndAsync();
            await vp.WaitForExitAsync();
            Assert.False(vp.ExitCode != 0 && !verr.Contains("No module named 'nbformat'"), $"{notebook}: the executed notebook is not valid nbformat:\n{verr}");
        }
    }
}
