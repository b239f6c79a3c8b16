using System.Reflection;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>Paths in the repository these tests were built from.</summary>
internal static class Repository
{
    /// <summary>The repository root, recorded at build time.</summary>
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The notebooks, in name order.</summary>
    public static IReadOnlyList<string> Notebooks() =>
        Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();

    /// <summary>Where these tests leave screenshots and the notebooks as the browser saw them.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Path.Combine(Root, "artifacts", "browser");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
