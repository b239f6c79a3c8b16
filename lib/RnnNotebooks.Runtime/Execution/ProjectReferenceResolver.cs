using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Resolves <c>#r "project: Name"</c> to the freshly built assemblies of <c>lib/Name/Name.csproj</c> in the
/// repository that contains the notebook. The project is built (Release, quiet) only when one of its sources,
/// or a source of a project it references, is newer than the last build, so an unchanged tree costs one
/// directory scan. Builds go to <c>artifacts/notebook-build</c> (or <c>RNN_NOTEBOOKS_BUILD_PATH</c>), never
/// to the project's own bin/obj, and are serialised across processes by a lock file.
/// </summary>
public sealed partial class ProjectReferenceResolver
{
    /// <summary>The environment variable that overrides where projects are built.</summary>
    public const string BuildPathVariable = "RNN_NOTEBOOKS_BUILD_PATH";

    private readonly string _startDirectory;

    /// <summary>Looks for the repository upwards from <paramref name="startDirectory"/> (the notebook's folder).</summary>
    public ProjectReferenceResolver(string startDirectory) => _startDirectory = Path.GetFullPath(startDirectory);

    /// <summary>Writes build progress (one line per build); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Finds, builds if stale, and returns the assemblies of project <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        var (root, project) = FindProject(name);
        var buildRoot = Environment.GetEnvironmentVariable(BuildPathVariable) is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : Path.Combine(root, "artifacts", "notebook-build");
        var output = Path.Combine(buildRoot, "bin", name, "release");
        var stamp = Path.Combine(buildRoot, "stamps", name + ".stamp");
        Directory.CreateDirectory(Path.GetDirectoryName(stamp)!);

        if (!IsUpToDate(root, project, output, name, stamp))
        {
            await using var gate = await AcquireLockAsync(Path.Combine(buildRoot, "build.lock"), cancellationToken);
            if (!IsUpToDate(root, project, output, name, stamp))
                await BuildAsync(project, buildRoot, stamp, name, cancellationToken);
        }
        var main = Path.Combine(output, name + ".dll");
        if (!File.Exists(main))
            throw new ProjectBuildException($"project '{name}' built, but {main} is missing.");
        return [main, .. Directory.GetFiles(output, "*.dll").Where(f => f != main).Order()];
    }

    private (string Root, string Project) FindProject(string name)
    {
        for (var dir = new DirectoryInfo(_startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "lib", name, name + ".csproj");
            if (File.Exists(candidate)) return (dir.FullName, candidate);
        }
        throw new ProjectBuildException($"project '{name}' not found: expected lib/{name}/{name}.csproj in {_startDirectory} or a folder above it.");
    }

    private static bool IsUpToDate(string root, string project, string output, string name, string stamp)
    {
        if (!File.Exists(stamp) || !File.Exists(Path.Combine(output, name + ".dll"))) return false;
        if (!long.TryParse(File.ReadAllText(stamp).Trim(), out var builtTicks)) return false;
        var builtAt = new DateTime(builtTicks, DateTimeKind.Utc);
        return NewestInput(root, project) < builtAt;
    }

    /// <summary>The newest write time of the project's sources, its referenced projects' and the shared build files.</summary>
    internal static DateTime NewestInput(string root, string project)
    {
        var newest = DateTime.MinValue;
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
        {
            var f = Path.Combine(root, shared);
            if (File.Exists(f)) newest = Max(newest, File.GetLastWriteTimeUtc(f));
        }
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        var visited = new HashSet<string>();
        while (pending.TryPop(out var proj))
        {
            if (!visited.Add(proj) || !File.Exists(proj)) continue;
            var dir = Path.GetDirectoryName(proj)!;
            newest = Max(newest, NewestInDirectory(dir));
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(proj)))
                pending.Push(Path.GetFullPath(Path.Combine(dir, m.Groups["path"].Value.Replace('\\', '/'))));
        }
        return newest;
    }

    private static DateTime NewestInDirectory(string dir)
    {
        var newest = Directory.GetLastWriteTimeUtc(dir);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            var name = Path.GetFileName(entry);
            if (name is "bin" or "obj" || name.StartsWith('.')) continue;
            newest = Max(newest, Directory.Exists(entry) ? NewestInDirectory(entry) : File.GetLastWriteTimeUtc(entry));
        }
        return newest;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private async Task BuildAsync(string project, string buildRoot, string stamp, string name, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        Log?.Invoke($"building {name}...");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "build", project, "-c", "Release", "--artifacts-path", buildRoot, "--nologo", "-v", "q",
                     "-clp:NoSummary;ErrorsOnly", "-p:CopyLocalLockFileAssemblies=true", "--disable-build-servers",
                 })
            psi.ArgumentList.Add(arg);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(psi) ?? throw new ProjectBuildException("could not start `dotnet build`.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await stdout + await stderr).Trim();
        if (process.ExitCode != 0)
        {
            var errors = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().Take(20);
            throw new ProjectBuildException($"project '{name}' failed to build (dotnet build exit code {process.ExitCode}):\n{string.Join("\n", errors)}");
        }
        await File.WriteAllTextAsync(stamp, started.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        Log?.Invoke($"built {name} in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(200, cancellationToken); }
        }
    }

    [GeneratedRegex("<ProjectReference\\s+Include=\"(?<path>[^\"]+)\"")]
    private static partial Regex ProjectReference();
}
