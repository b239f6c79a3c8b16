using RnnNotebooks.Runtime.Packages;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Tests.Protocol;

public sealed class PackageResolverTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("kernel-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task A_cached_package_resolves_without_running_dotnet()
    {
        var folder = Path.Combine(_cache, "some.package", "1.2.3");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Some.Package.dll"), "");
        File.WriteAllText(Path.Combine(folder, "Some.Dependency.dll"), "");
        File.WriteAllText(Path.Combine(folder, ".complete"), "");
        var offline = new NuGetCliPackageResolver(_cache, dotnetPath: "/nonexistent/dotnet");

        var assemblies = await offline.ResolveAsync("Some.Package", "1.2.3");

        Assert.Equal(["Some.Dependency.dll", "Some.Package.dll"], assemblies.Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_interrupted_restore_is_not_mistaken_for_a_cached_package()
    {
        var folder = Path.Combine(_cache, "half.done", "1.0.0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Half.Done.dll"), "");
        var resolver = new NuGetCliPackageResolver(_cache, dotnetPath: "/nonexistent/dotnet");

        var error = await Assert.ThrowsAsync<PackageResolutionException>(() => resolver.ResolveAsync("Half.Done", "1.0.0"));
        Assert.Contains("Half.Done", error.Message);
    }

    [Theory]
    [InlineData("bad name", "1.0.0", "is not a NuGet package id")]
    [InlineData("Good.Name", "1.0.0; rm -rf /", "is not a NuGet version")]
    [InlineData("../escape", null, "is not a NuGet package id")]
    public async Task Malformed_names_and_versions_are_rejected_before_anything_runs(string name, string? version, string expected)
    {
        var resolver = new NuGetCliPackageResolver(_cache, dotnetPath: "/nonexistent/dotnet");
        var error = await Assert.ThrowsAsync<PackageResolutionException>(() => resolver.ResolveAsync(name, version));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Layered_resolution_falls_through_and_reports_the_last_resolvers_reason()
    {
        // The restoring resolver comes last and knows why the package is not there; the offline one's
        // "not in the cache" would only mislead once a restore has been tried.
        var layered = new LayeredPackageResolver(new Failing("not offline"), new Failing("not restorable"));
        var error = await Assert.ThrowsAsync<PackageResolutionException>(() => layered.ResolveAsync("X", "1"));
        Assert.Equal("not restorable", error.Message);

        var found = await new LayeredPackageResolver(new Failing("no"), new Fixed("/a.dll")).ResolveAsync("X", "1");
        Assert.Equal(["/a.dll"], found);
    }

    private sealed class Failing(string reason) : IPackageResolver
    {
        public Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default)
            => throw new PackageResolutionException(reason);
    }

    private sealed class Fixed(string path) : IPackageResolver
    {
        public Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<string>>([path]);
    }
}
