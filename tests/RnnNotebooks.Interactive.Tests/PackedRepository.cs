using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RnnNotebooks.Interactive.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>
/// Packs the library, the charts and the kernel tool from the working tree with a version of their own (so no NuGet
/// cache can hold an older build under it), into a scratch folder, building apart from the projects' own outputs.
/// </summary>
public sealed class PackedRepository : IDisposable
{
    public PackedRepository()
    {
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Work = Directory.CreateTempSubdirectory("rnn-packages-").FullName;
        Packages = Path.Combine(Work, "packages");
        foreach (var project in new[] { "RnnNotebooks", "RnnNotebooks.Charts", "RnnNotebooks.Kernel" })
        {
            var pack = ProcessRunner.Run("dotnet",
                ["pack", Path.Combine(Repository.Root, "lib", project, project + ".csproj"), "-c", "Release", "-o", Packages,
                 "--artifacts-path", Path.Combine(Work, "build"), "-p:VersionSuffix=" + Version["0.1.0-".Length..], "--disable-build-servers", "-nologo", "-v", "q"],
                Repository.Root, TimeSpan.FromMinutes(10));
            Assert.True(pack.ExitCode == 0, pack.Describe($"dotnet pack {project}"));
        }
        // Packages restore into a private folder; everything else comes from the usual cache as a fallback.
        var globalPackages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="rnn-notebooks-local" value="{Packages}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{globalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        NuGetEnvironment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(Work, "nuget-packages") };
    }

    public string Version { get; }
    public string Work { get; }
    public string Packages { get; }
    public IReadOnlyDictionary<string, string?> NuGetEnvironment { get; }

    public string Package(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

    public void Dispose() => Directory.Delete(Work, recursive: true);
}
