using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Packages;

/// <summary>How both front ends, the runner and the kernel, resolve <c>#r "nuget: Name, Version"</c>.</summary>
public static class PackageResolvers
{
    /// <summary>
    /// Packages already on this machine first (shipped with the runtime, or in the NuGet global packages folder),
    /// then a restore from the configured NuGet sources into <see cref="NuGetCliPackageResolver.DefaultCacheRoot"/>,
    /// announced through <paramref name="log"/>. With <paramref name="offline"/> only the first: a package missing
    /// here is an error that says how to add it.
    /// </summary>
    public static IPackageResolver Create(bool offline = false, Action<string>? log = null) =>
        offline
            ? new OfflinePackageResolver()
            : new LayeredPackageResolver(new OfflinePackageResolver(), new NuGetCliPackageResolver(log: log));
}
