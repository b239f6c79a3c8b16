using System.Runtime.InteropServices;
using System.Text.Json;
using RnnNotebooks.Bench.Harness;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>
/// The Jupyter kernel from process launch to the first cell's result, driven by <c>jupyter_client</c>
/// (<c>scripts/bench/kernel_first_cell.py</c>) exactly as a notebook front end would. The kernel is published
/// the way <c>dotnet run --project lib/RnnNotebooks.Kernel -- install</c> publishes it (ReadyToRun).
/// </summary>
public sealed class KernelStart : Workload
{
    private const string KernelProject = "lib/RnnNotebooks.Kernel/RnnNotebooks.Kernel.csproj";

    /// <inheritdoc />
    public override string Name => "kernel";

    /// <inheritdoc />
    public override string Description => "Jupyter kernel: launch to the first cell's result";

    /// <inheritdoc />
    public override Target Target => new Target.Seconds(1);

    /// <inheritdoc />
    public override string? Unavailable(Repository repository) =>
        !File.Exists(repository.Path(KernelProject)) ? $"{KernelProject} does not exist yet"
        : PythonPeer.Unavailable(repository, "kernel_first_cell.py");

    /// <inheritdoc />
    public override void Prepare(Repository repository) =>
        DotnetProcess.Run(repository, "publish", KernelProject, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", PublishFolder, "--artifacts-path", DotnetProcess.ArtifactsPath);

    private static string PublishFolder => Path.Combine(DotnetProcess.ArtifactsPath, "kernel-publish");

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        string dll = Path.Combine(PublishFolder, "RnnNotebooks.Kernel.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Expected the published kernel at {dll}; it is not there.");
        JsonElement line = PythonPeer.Run(repository, "kernel_first_cell.py", ["dotnet", dll])
            ?? throw new InvalidOperationException("The kernel did not answer its first cell (see the message above).");
        return new Measurement(line.GetProperty("seconds").GetDouble(), new Dictionary<string, object?>
        {
            ["first_result"] = line.GetProperty("result").GetString(),
        });
    }
}
