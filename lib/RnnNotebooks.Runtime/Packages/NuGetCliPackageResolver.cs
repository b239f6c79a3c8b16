using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Packages;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> by restoring the package with the dotnet CLI into a cache
/// folder keyed by name and version, then returning its assemblies. A package already in the cache
/// resolves without the network; one that cannot be restored is a <see cref="PackageResolutionException"/>
/// quoting NuGet's own error.
/// </summary>
public sealed partial class NuGetCliPackageResolver : IPackageResolver
{
    private const string CompleteMarker = ".complete";
    private const string ProbeProject = "RnnNotebooksPackageProbe";

    private readonly string _cacheRoot;
    private readonly string _dotnet;
    private readonly Action<string> _log;

    /// <summary>Creates a resolver caching under <paramref name="cacheRoot"/> (default: <see cref="DefaultCacheRoot"/>).</summary>
    /// <param name="cacheRoot">Folder that holds one sub-folder per package and version.</param>
    /// <param name="dotnetPath">The dotnet host to run; default: the one running this process.</param>
    /// <param name="log">Progress messages (the kernel's stderr by default).</param>
    public NuGetCliPackageResolver(string? cacheRoot = null, string? dotnetPath = null, Action<string>? log = null)
    {
        _cacheRoot = cacheRoot ?? DefaultCacheRoot;
        _dotnet = dotnetPath ?? DotnetHost.Path;
        _log = log ?? (message => Console.Error.WriteLine($"[csharp-rnn] {message}"));
    }

    /// <summary><c>$XDG_CACHE_HOME/rnnnotebooks/packages</c>, or <c>~/.cache/rnnnotebooks/packages</c>.</summary>
    public static string DefaultCacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "rnnnotebooks", "packages");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        if (!PackageId().IsMatch(name))
            throw new PackageResolutionException($"'{name}' is not a NuGet package id; expected letters, digits, '.', '-' or '_', as in #r \"nuget: MathNet.Numerics, 5.0.0\".");
        if (version is not null && !PackageVersion().IsMatch(version))
            throw new PackageResolutionException($"'{version}' is not a NuGet version for package '{name}'; expected a version such as 1.2.3 or a range such as [1.0,2.0).");

        var folder = Path.Combine(_cacheRoot, name.ToLowerInvariant(), (version ?? "latest").ToLowerInvariant());
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
            return Assemblies(folder);

        Directory.CreateDirectory(_cacheRoot);
        using var gate = await AcquireLockAsync(Path.Combine(_cacheRoot, name.ToLowerInvariant() + ".lock"), cancellationToken);
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
            return Assemblies(folder);

        var work = Path.Combine(Path.GetTempPath(), "rnnnotebooks-restore-" + Guid.NewGuid().ToString("N"));
        var staging = folder + ".staging-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(work);
            var project = Path.Combine(work, ProbeProject + ".csproj");
            await File.WriteAllTextAsync(project, ProbeProjectXml(name, version), cancellationToken);
            _log($"restoring NuGet package {name} {version ?? "(latest)"}...");
            var (exitCode, output) = await RunDotnetAsync(work,
                ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
                 "-o", staging, "--nologo", "--disable-build-servers", "-v", "quiet", "-p:UseSharedCompilation=false"],
                cancellationToken);
            if (exitCode != 0)
                throw new PackageResolutionException($"Could not restore NuGet package '{name}'{(version is null ? "" : $" version '{version}'")}: {Summarize(output)}");

            File.Delete(Path.Combine(staging, ProbeProject + ".dll"));
            File.Delete(Path.Combine(staging, ProbeProject + ".pdb"));
            File.Delete(Path.Combine(staging, ProbeProject + ".deps.json"));
            await File.WriteAllTextAsync(Path.Combine(staging, CompleteMarker), $"{name} {version}\n", cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.Move(staging, folder);
            return Assemblies(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            throw new PackageResolutionException($"Could not restore NuGet package '{name}': {e.Message}", e);
        }
        finally
        {
            TryDelete(work);
            TryDelete(staging);
        }
    }

    private static IReadOnlyList<string> Assemblies(string folder)
    {
        var dlls = Directory.GetFiles(folder, "*.dll", SearchOption.TopDirectoryOnly)
            .Where(path => !Path.GetFileName(path).StartsWith(ProbeProject, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (dlls.Length == 0)
            throw new PackageResolutionException($"NuGet package in '{folder}' has no assemblies for {RuntimeInformation.RuntimeIdentifier}.");
        return dlls;
    }

    private static string ProbeProjectXml(string name, string? version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <EnableDefaultItems>false</EnableDefaultItems>
            <GenerateDocumentationFile>false</GenerateDocumentationFile>
            <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
            <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{System.Security.SecurityElement.Escape(name)}" Version="{System.Security.SecurityElement.Escape(version ?? "*")}" />
          </ItemGroup>
        </Project>
        """;

    private async Task<(int ExitCode, string Output)> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new PackageResolutionException($"Could not start '{_dotnet}'.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    /// <summary>NuGet's error lines without the project path noise; all output when no error line is found.</summary>
    private static string Summarize(string output)
    {
        var errors = output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
            .Select(line => Regex.Replace(line, @"\s*\[[^\]]*\.csproj[^\]]*\]$", ""))
            .Select(line => Regex.Replace(line, @"^.*?\.csproj\s*:\s*", ""))
            .Select(line => Regex.Replace(line, @"\s+", " "))
            .Distinct()
            .ToArray();
        // NuGet repeats the code on each continuation line ("error NU1102:   - Found 4 version(s) ...")
        for (int i = 1; i < errors.Length; i++)
        {
            var code = Regex.Match(errors[i], @"^error (NU\d+): ");
            if (code.Success && errors[..i].Any(e => e.StartsWith(code.Value, StringComparison.Ordinal)))
                errors[i] = errors[i][code.Length..];
        }
        var text = errors.Length > 0 ? string.Join("; ", errors) : output.Trim();
        return text.Length > 2000 ? text[..2000] + "..." : text;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex PackageId();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-+*\[\]\(\), ]+$")]
    private static partial Regex PackageVersion();
}
