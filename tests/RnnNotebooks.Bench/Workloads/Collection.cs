using System.Diagnostics;
using RnnNotebooks.Bench.Harness;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>All notebooks through the headless runner, timed from process start to exit (built beforehand).</summary>
public sealed class Collection : Workload
{
    private const string RunnerProject = "lib/RnnNotebooks.Runner/RnnNotebooks.Runner.csproj";

    /// <inheritdoc />
    public override string Name => "collection";

    /// <inheritdoc />
    public override string Description => "every notebooks/*.ipynb through the runner (executed copies + HTML)";

    /// <inheritdoc />
    public override Target Target => new Target.Seconds(60);

    /// <inheritdoc />
    public override string? Unavailable(Repository repository)
    {
        if (!File.Exists(repository.Path(RunnerProject))) return $"{RunnerProject} does not exist yet";
        var notebooks = Directory.Exists(repository.Path("notebooks"))
            ? Directory.GetFiles(repository.Path("notebooks"), "*.ipynb") : [];
        return notebooks.Length == 0 ? "notebooks/ holds no .ipynb yet" : null;
    }

    /// <inheritdoc />
    public override void Prepare(Repository repository) =>
        DotnetProcess.Run(repository, "build", RunnerProject, "-c", "Release", "--artifacts-path", DotnetProcess.ArtifactsPath);

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        string output = Path.Combine(DotnetProcess.ArtifactsPath, "bench-notebooks");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true); // count only this run's pages
        var clock = Stopwatch.StartNew();
        DotnetProcess.Run(repository, "run", "--project", RunnerProject, "-c", "Release", "--no-build",
            "--artifacts-path", DotnetProcess.ArtifactsPath, "--", "--out", output);
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["notebooks"] = Directory.GetFiles(repository.Path("notebooks"), "*.ipynb").Length,
            ["html_written"] = Directory.Exists(output) ? Directory.GetFiles(output, "*.html").Length : 0,
        });
    }
}
