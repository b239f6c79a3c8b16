// The first code cell of every notebook runs this file with `#load "setup.csx"`. It works the same under the
// project's own runtime (runner and kernel) and under .NET Interactive (Polyglot Notebooks, the .net-csharp
// Jupyter kernel):
//
// 1. Builds lib/RnnNotebooks and lib/RnnNotebooks.Charts from this working tree into ../artifacts/notebook-lib
//    when a source is newer than the last build, so a notebook never loads a stale library. When nothing
//    changed this costs one scan of the source folders.
// 2. Loads those assemblies into the default load context. Roslyn's script loader would otherwise load the
//    dependencies of a referenced assembly into separate contexts, and Plotly.NET would see two copies of
//    FSharp.Core (its charts then fail with MissingMethodException in Plotly.NET's defaults). Assemblies the
//    host already has are left to the host (see RnnNotebooks.Charts' FSharpCoreBinding).
// 3. Registers how charts and tables display with .NET Interactive's formatter, when it is the host.
//
// The next cell references the assemblies with ordinary `#r "../artifacts/notebook-lib/<name>.dll"` lines.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;

static class NotebookLibrary
{
    static readonly string[] Projects = ["RnnNotebooks", "RnnNotebooks.Charts"];
    static readonly string[] SharedBuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    /// <summary>The folder the notebooks reference (<c>artifacts/notebook-lib</c>), built from the working tree.</summary>
    public static string Folder { get; private set; } = "";

    public static void Load([CallerFilePath] string setupFile = "")
    {
        var root = FindRepository(File.Exists(setupFile) ? Path.GetDirectoryName(setupFile)! : Environment.CurrentDirectory);
        Folder = Path.Combine(root, "artifacts", "notebook-lib");
        var stamp = Path.Combine(Folder, ".built");
        var sources = NewestSource(root, setupFile);
        if (!IsFresh(stamp, sources))
        {
            Directory.CreateDirectory(Path.Combine(root, "artifacts"));
            using var gate = Lock(Path.Combine(root, "artifacts", "notebook-lib.lock"));
            if (!IsFresh(stamp, sources)) Build(root, stamp);
        }
        LoadIntoDefaultContext();
        var charts = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "RnnNotebooks.Charts");
        charts.GetType("RnnNotebooks.Charts.NotebookDisplay")!.GetMethod("Register")!.Invoke(null, null);
    }

    static string FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "lib", "RnnNotebooks", "RnnNotebooks.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException($"Expected the RnnNotebooks repository (lib/RnnNotebooks/RnnNotebooks.csproj) in {start} or a folder above it.");
    }

    static DateTime NewestSource(string root, string setupFile)
    {
        var files = SharedBuildFiles.Select(f => Path.Combine(root, f)).Append(setupFile).Where(File.Exists)
            .Concat(Projects.SelectMany(p => SourceFiles(Path.Combine(root, "lib", p))));
        return files.Select(File.GetLastWriteTimeUtc).Max();
    }

    static IEnumerable<string> SourceFiles(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" || name.StartsWith('.')) continue;
            foreach (var file in SourceFiles(sub)) yield return file;
        }
    }

    static bool IsFresh(string stamp, DateTime newestSource) =>
        File.Exists(stamp)
        && long.TryParse(File.ReadAllText(stamp).Trim(), out var ticks)
        && new DateTime(ticks, DateTimeKind.Utc) > newestSource
        && Projects.All(p => File.Exists(Path.Combine(Folder, p + ".dll")));

    static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(200); }
        }
    }

    static void Build(string root, string stamp)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var buildRoot = Path.Combine(root, "artifacts", "notebook-build");
        foreach (var project in Projects)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "build", Path.Combine(root, "lib", project, project + ".csproj"), "-c", "Release", "--artifacts-path", buildRoot,
                         "-p:CopyLocalLockFileAssemblies=true", "--disable-build-servers", "-nologo", "-v", "q", "-clp:NoSummary;ErrorsOnly" })
                psi.ArgumentList.Add(arg);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"lib/{project} failed to build (dotnet build exit code {process.ExitCode}):\n{(stdout + stderr.Result).Trim()}");
            // Replace files by renaming, never by overwriting: a running kernel may have the old ones mapped.
            Directory.CreateDirectory(Folder);
            foreach (var file in Directory.GetFiles(Path.Combine(buildRoot, "bin", project, "release")))
            {
                var target = Path.Combine(Folder, Path.GetFileName(file));
                var temp = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
                File.Copy(file, temp);
                File.Move(temp, target, overwrite: true);
            }
        }
        File.WriteAllText(stamp, started.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"Built {string.Join(" and ", Projects)} from the working tree in {watch.Elapsed.TotalSeconds:0.0} s.");
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => Projects.Contains(a.GetName().Name)))
            Console.WriteLine("This session had loaded the previous build; restart the kernel to use the new one.");
    }

    static void LoadIntoDefaultContext()
    {
        var hosted = AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).ToHashSet();
        foreach (var dll in Directory.GetFiles(Folder, "*.dll").Order(StringComparer.Ordinal))
        {
            // An assembly the host already has (the .NET Interactive tool's FSharp.Core) stays the host's:
            // RnnNotebooks.Charts answers Plotly.NET's requests for a newer FSharp.Core with it.
            if (hosted.Contains(Path.GetFileNameWithoutExtension(dll))) continue;
            try { AssemblyLoadContext.Default.LoadFromAssemblyPath(dll); }
            catch (FileLoadException) { } // loaded meanwhile under the same name
        }
    }
}

NotebookLibrary.Load();
