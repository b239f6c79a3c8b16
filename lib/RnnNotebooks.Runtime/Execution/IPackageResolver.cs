namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> to assembly paths. The runner's resolver works
/// offline from packages the solution already restored; the kernel's may restore new ones.
/// </summary>
public interface IPackageResolver
{
    /// <summary>Returns the assemblies to reference, or throws <see cref="PackageResolutionException"/>.</summary>
    Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default);
}
