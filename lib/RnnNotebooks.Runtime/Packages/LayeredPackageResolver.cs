using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Packages;

/// <summary>
/// Tries resolvers in order: packages already on the machine first (no network, no build), then a
/// resolver that can restore. When every one fails, the error is the last one's: the resolver that
/// tried hardest knows best why the package is not there.
/// </summary>
public sealed class LayeredPackageResolver(params IPackageResolver[] resolvers) : IPackageResolver
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>();
        foreach (var resolver in resolvers)
        {
            try
            {
                var assemblies = await resolver.ResolveAsync(name, version, cancellationToken);
                if (assemblies.Count > 0)
                    return assemblies;
            }
            catch (PackageResolutionException e)
            {
                reasons.Add(e.Message);
            }
        }
        throw new PackageResolutionException(reasons.Count == 0
            ? $"No assemblies found for NuGet package '{name}'{(version is null ? "" : $" version '{version}'")}."
            : reasons[^1]);
    }
}
