using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Packages;

namespace RnnNotebooks.Kernel.Install;

/// <summary>
/// Publishes the kernel to a stable per-user folder and registers its Jupyter kernelspec,
/// or removes both.
/// </summary>
public sealed class KernelSpecInstaller(TextWriter output)
{
    /// <summary>The kernelspec name notebooks refer to.</summary>
    public const string KernelName = RnnNotebooks.Runtime.Notebooks.NotebookMetadata.KernelName;

    /// <summary>The name frontends show.</summary>
    public const string DisplayName = RnnNotebooks.Runtime.Notebooks.NotebookMetadata.KernelDisplayName;

    private const string AssemblyFile = "RnnNotebooks.Kernel.dll";

    /// <summary>Jupyter's per-user kernels folder: <c>$JUPYTER_DATA_DIR/kernels</c> or the platform default.</summary>
    public static string KernelsDirectory
    {
        get
        {
            var jupyterData = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
            if (!string.IsNullOrEmpty(jupyterData))
                return Path.Combine(jupyterData, "kernels");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
                return Path.Combine(home, "Library", "Jupyter", "kernels");
            return Path.Combine(DataHome, "jupyter", "kernels");
        }
    }

    /// <summary>Where published kernels live: <c>$XDG_DATA_HOME/rnnnotebooks/kernel</c> (default <c>~/.local/share/...</c>).</summary>
    public static string InstallRoot => Path.Combine(DataHome, "rnnnotebooks", "kernel");

    private static string DataHome
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrEmpty(xdg))
                return xdg;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
    }

    /// <summary>
    /// Publishes this kernel (ReadyToRun when possible) into a new folder under <see cref="InstallRoot"/>,
    /// writes <c>kernel.json</c> pointing at it, and removes older published copies.
    /// </summary>
    /// <param name="artifactsPath">Optional <c>--artifacts-path</c> for the publish build.</param>
    /// <returns>0 on success.</returns>
    public int Install(string? artifactsPath)
    {
        if (RunsAsDotnetTool)
            return Register(AppContext.BaseDirectory, "the installed .NET tool");
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var target = Path.Combine(InstallRoot, stamp);
        var staging = target + ".staging";
        Directory.CreateDirectory(InstallRoot);
        try
        {
            if (!Publish(staging, artifactsPath))
                return 1;
            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }

        RemoveOlderCopies(keep: stamp);
        output.WriteLine($"Kernel published to {target}");
        return Register(target, "the published copy");
    }

    /// <summary>
    /// Whether this process runs from a <c>dotnet tool install</c> (the package layout puts
    /// <c>DotnetToolSettings.xml</c> next to the entry assembly); then <c>install</c> registers the tool itself.
    /// </summary>
    public static bool RunsAsDotnetTool => File.Exists(Path.Combine(AppContext.BaseDirectory, "DotnetToolSettings.xml"));

    /// <summary>Writes <c>kernel.json</c> for the kernel whose <c>RnnNotebooks.Kernel.dll</c> is in <paramref name="kernelDirectory"/>.</summary>
    private int Register(string kernelDirectory, string what)
    {
        var specDirectory = Path.Combine(KernelsDirectory, KernelName);
        Directory.CreateDirectory(specDirectory);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(DotnetHost.Path, Path.Combine(kernelDirectory, AssemblyFile), "{connection_file}"),
            ["display_name"] = DisplayName,
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        WriteAtomically(Path.Combine(specDirectory, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        output.WriteLine($"Installed kernelspec '{KernelName}' ({DisplayName}) in {specDirectory}, running {what} in {kernelDirectory}");
        return 0;
    }

    /// <summary>Removes the kernelspec and every published copy. The NuGet package cache is kept.</summary>
    /// <returns>0 on success.</returns>
    public int Uninstall()
    {
        var specDirectory = Path.Combine(KernelsDirectory, KernelName);
        var removed = false;
        if (Directory.Exists(specDirectory))
        {
            Directory.Delete(specDirectory, recursive: true);
            output.WriteLine($"Removed kernelspec '{KernelName}' from {specDirectory}");
            removed = true;
        }
        if (Directory.Exists(InstallRoot))
        {
            Directory.Delete(InstallRoot, recursive: true);
            output.WriteLine($"Removed published kernel {InstallRoot}");
            removed = true;
        }
        if (!removed)
            output.WriteLine($"Kernelspec '{KernelName}' was not installed ({specDirectory}).");
        output.WriteLine($"The NuGet package cache {NuGetCliPackageResolver.DefaultCacheRoot} is kept; delete it by hand if you want the space back.");
        return 0;
    }

    private bool Publish(string destination, string? artifactsPath)
    {
        var project = typeof(KernelSpecInstaller).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectPath")?.Value;
        if (project is null || !File.Exists(project))
        {
            // Installed from a published copy with no sources around: copy ourselves.
            output.WriteLine($"Sources not found; copying the running kernel from {AppContext.BaseDirectory}");
            CopyDirectory(AppContext.BaseDirectory, destination);
            return true;
        }
        output.WriteLine($"Publishing {project} (Release, ReadyToRun)...");
        if (RunPublish(project, destination, artifactsPath, readyToRun: true) == 0)
            return true;
        output.WriteLine("ReadyToRun publish failed; publishing without it (the kernel will start more slowly).");
        if (Directory.Exists(destination))
            Directory.Delete(destination, recursive: true);
        if (RunPublish(project, destination, artifactsPath, readyToRun: false) == 0)
            return true;
        output.WriteLine("Publishing the kernel failed; see the build output above.");
        return false;
    }

    private static int RunPublish(string project, string destination, string? artifactsPath, bool readyToRun)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", destination, "--nologo", "-v", "quiet" })
            start.ArgumentList.Add(argument);
        if (readyToRun)
        {
            start.ArgumentList.Add("-r");
            start.ArgumentList.Add(RuntimeInformation.RuntimeIdentifier);
            start.ArgumentList.Add("--self-contained");
            start.ArgumentList.Add("false");
            start.ArgumentList.Add("-p:PublishReadyToRun=true");
        }
        if (!string.IsNullOrEmpty(artifactsPath))
        {
            start.ArgumentList.Add("--artifacts-path");
            start.ArgumentList.Add(artifactsPath);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Removes published copies older than the new one and the one before it (a kernel may still be running from that).</summary>
    private void RemoveOlderCopies(string keep)
    {
        var older = Directory.GetDirectories(InstallRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != keep && !name.EndsWith(".staging", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SkipLast(1);
        foreach (var name in older)
        {
            try
            {
                Directory.Delete(Path.Combine(InstallRoot, name), recursive: true);
            }
            catch (IOException e)
            {
                output.WriteLine($"Could not remove the older copy {name}: {e.Message}");
            }
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: true);
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
