namespace RnnNotebooks.Bench.Harness;

/// <summary>Paths inside the repository, found from the working directory upwards.</summary>
public sealed class Repository(string root)
{
    /// <summary>The folder holding <c>RnnNotebooks.sln</c>.</summary>
    public string Root { get; } = root;

    /// <summary>A path relative to the root.</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Walks up from the working directory to the solution file.</summary>
    public static Repository Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RnnNotebooks.sln")))
                return new Repository(dir.FullName);
        throw new InvalidOperationException("Run the benchmark from inside the repository: RnnNotebooks.sln was not found above the working directory.");
    }
}
