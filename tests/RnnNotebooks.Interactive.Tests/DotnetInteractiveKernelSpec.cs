using System.Text.Json;
using RnnNotebooks.Interactive.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>Restores the dotnet-interactive tool from the repository's manifest and registers it in a private Jupyter path.</summary>
public sealed class DotnetInteractiveKernelSpec : IDisposable
{
    public const string ToolVersion = "1.0.712001";
    private readonly string _jupyterPath = Directory.CreateTempSubdirectory("dotnet-interactive-jupyter-").FullName;

    public DotnetInteractiveKernelSpec()
    {
        Assert.True(File.Exists(ProcessRunner.Python), $"{ProcessRunner.Python} is required (Debian's python3 with jupyter-nbconvert); .ci/run installs it");
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, ".config", "dotnet-tools.json")));
        Assert.Equal(ToolVersion, manifest.RootElement.GetProperty("tools").GetProperty("microsoft.dotnet-interactive").GetProperty("version").GetString());
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore"], Repository.Root, TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.Describe("dotnet tool restore"));

        // The kernelspec `dotnet interactive jupyter install` writes, without its HTTP port range (no HTTP server needed).
        var spec = Path.Combine(_jupyterPath, "kernels", ".net-csharp");
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "kernel.json"), JsonSerializer.Serialize(new
        {
            argv = new[] { "dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp", "{connection_file}" },
            display_name = ".NET (C#)",
            language = "C#",
        }));
        Environment = new Dictionary<string, string?> { ["JUPYTER_PATH"] = _jupyterPath, ["JUPYTER_DATA_DIR"] = _jupyterPath };
    }

    /// <summary>Environment for Jupyter clients: the private kernelspec path.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public void Dispose() => Directory.Delete(_jupyterPath, recursive: true);
}
