using System.Reflection;

namespace RnnNotebooks.Interactive.Tests.Support;

/// <summary>Where the repository and its notebooks are.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string NotebooksDirectory => Path.Combine(Root, "notebooks");

    public static string Notebook(string name) => Path.Combine(NotebooksDirectory, name);

    /// <summary>Every notebook's file name, in order.</summary>
    public static TheoryData<string> NotebookNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>A fresh folder under <c>artifacts/</c> for one test's files (kept for inspection).</summary>
    public static string Artifacts(params string[] parts)
    {
        var path = Path.Combine([Root, "artifacts", .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
