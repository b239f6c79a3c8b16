using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Packages;
using RnnNotebooks.Kernel.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Kernel.Tests.Engine;

/// <summary>
/// The kernel driven by clients no one here wrote: Debian's jupyter_client and nbconvert, through a
/// private kernelspec that points at the kernel built next to these tests.
/// </summary>
public sealed class JupyterClientTests(ITestOutputHelper output) : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _jupyterPath = CreateKernelSpec();

    public void Dispose() => Directory.Delete(_jupyterPath, recursive: true);

    [Fact]
    public void Jupyter_client_executes_completes_inspects_interrupts_and_restarts()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "drive_kernel.py");
        var (exitCode, stdout, stderr) = Run(Python, [script, "csharp-rnn"], TimeSpan.FromMinutes(5));
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"drive_kernel.py failed ({exitCode}):\n{stderr}");
        var report = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.True(report["ok"]!.GetValue<bool>());
        Assert.Equal("KeyboardInterrupt", report["interrupt_ename"]!.GetValue<string>());
    }

    /// <summary>
    /// Tests of jupyter_kernel_test that do not apply to C#, with the reason: the suite skips a test
    /// whose sample is left empty, so each one here is a decision, not an accident.
    /// </summary>
    private static readonly Dictionary<string, string> NotApplicable = new()
    {
        ["test_pager"] = "IPython's '?' pager payload has no C# counterpart; inspection (test_inspect) is how C# front ends show docs",
        ["test_clear_output"] = "the runtime offers no clear_output helper; outputs are replaced through display(...).Update(...)",
    };

    [Fact]
    public void Jupyter_kernel_test_suite_passes_every_test_that_applies_to_CSharp()
    {
        var (exitCode, stdout, stderr) = Run(Python, ["-m", "unittest", "-v", "kernel_conformance"], TimeSpan.FromMinutes(10),
            Path.Combine(AppContext.BaseDirectory, "Clients"));
        output.WriteLine(stderr);
        var results = ConformanceResults(stderr);
        Assert.True(results.Count >= 12, $"the suite did not run (exit {exitCode}):\n{stdout}\n{stderr}");
        var failed = results.Where(r => r.Outcome is "FAIL" or "ERROR").Select(r => r.Name).ToList();
        Assert.True(exitCode == 0 && failed.Count == 0, $"jupyter_kernel_test failed: {string.Join(", ", failed)}\n{stderr}");
        var skipped = results.Where(r => r.Outcome == "skipped").Select(r => r.Name).ToHashSet();
        foreach (var name in skipped)
            output.WriteLine($"not applicable: {name}: {NotApplicable.GetValueOrDefault(name, "(no reason recorded)")}");
        Assert.Equal(NotApplicable.Keys.Order(), skipped.Order());
        Assert.Contains(results, r => r.Name.StartsWith("test_completion", StringComparison.Ordinal) && r.Outcome == "ok");
        Assert.Contains(results, r => r.Name.StartsWith("test_inspect", StringComparison.Ordinal) && r.Outcome == "ok");
        Assert.Contains(results, r => r.Name.StartsWith("test_is_complete", StringComparison.Ordinal) && r.Outcome == "ok");
    }

    /// <summary>The verbose unittest lines: a test (or sub-test) name and its outcome.</summary>
    private static List<(string Name, string Outcome)> ConformanceResults(string log)
        => System.Text.RegularExpressions.Regex.Matches(log, @"^\s*(test_\w+) \([^)]*\)(?: \(([^)]*)\))? \.\.\. ?(?:\r?\n\s*)?(ok|FAIL|ERROR|skipped)",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (m.Groups[2].Success ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value, m.Groups[3].Value))
            .ToList();

    [Fact]
    public void Nbconvert_executes_every_notebook_through_the_kernel()
    {
        var root = RepositoryRoot();
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order().ToArray();
        Assert.NotEmpty(notebooks);
        var (exitCode, stdout, stderr) = Run("bash",
            [Path.Combine(root, "scripts", "nbconvert-notebooks.sh"), "--kernel-dll", KernelProcess.KernelDll, .. notebooks],
            TimeSpan.FromMinutes(60), root);
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"nbconvert failed:\n{stdout}\n{stderr}");
        foreach (var notebook in notebooks)
        {
            var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "artifacts", "nbconvert", Path.GetFileName(notebook))))!;
            var codeCells = executed["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
            Assert.All(codeCells, c => Assert.NotNull(c!["execution_count"]?.GetValue<int>()));
            Assert.DoesNotContain(codeCells.SelectMany(c => c!["outputs"]!.AsArray()), o => o!["output_type"]!.GetValue<string>() == "error");
        }
    }

    private (int ExitCode, string Stdout, string Stderr) Run(string file, string[] arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        Assert.True(File.Exists(Python), $"{Python} is required (Debian's python3 with jupyter-client and nbconvert)");
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? _jupyterPath,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["JUPYTER_PATH"] = _jupyterPath;
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string CreateKernelSpec()
    {
        var root = Directory.CreateTempSubdirectory("kernel-jupyter-").FullName;
        var spec = Path.Combine(root, "kernels", "csharp-rnn");
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "kernel.json"), JsonSerializer.Serialize(new
        {
            argv = new[] { DotnetHost.Path, KernelProcess.KernelDll, "{connection_file}" },
            display_name = "C# (RnnNotebooks, test build)",
            language = "C#",
            interrupt_mode = "message",
        }));
        return root;
    }

    private static string RepositoryRoot()
        => typeof(JupyterClientTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
