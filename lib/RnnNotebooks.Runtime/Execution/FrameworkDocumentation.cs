using System.Collections.Concurrent;
using System.Globalization;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// XML documentation for the shared framework's assemblies. Cells compile against the runtime's
/// implementation assemblies, which ship without docs; the SDK's reference pack
/// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.&lt;minor&gt;/*.xml</c>) holds them, keyed by the
/// same member ids. Types implemented in <c>System.Private.CoreLib</c> are documented under the reference
/// assemblies that expose them, so those files are searched too. Files load lazily, once per process.
/// </summary>
internal sealed class FrameworkDocumentation : DocumentationProvider
{
    private static readonly string[] CoreLibFacades =
    [
        "System.Runtime", "System.Collections", "System.Runtime.InteropServices", "System.Threading", "System.Memory",
        "System.Runtime.Intrinsics", "System.Threading.Thread", "System.Threading.ThreadPool", "System.Runtime.Loader",
        "System.Diagnostics.Tracing", "System.Text.Encoding.Extensions", "System.Numerics.Vectors", "System.Reflection.Emit",
    ];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<string, string>>> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, FrameworkDocumentation> Providers = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> ReferencePackDirectory = new(FindReferencePack);

    private readonly string _assemblyName;
    private readonly string[] _files;

    private FrameworkDocumentation(string assemblyName, string[] files)
    {
        _assemblyName = assemblyName;
        _files = files;
    }

    /// <summary>The folder of the running shared framework's implementation assemblies.</summary>
    public static string RuntimeDirectory { get; } = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";

    /// <summary>The provider for the framework assembly at <paramref name="path"/>, or null when it is not one or no docs exist.</summary>
    public static FrameworkDocumentation? For(string path)
    {
        if (ReferencePackDirectory.Value is not { } pack
            || !string.Equals(Path.GetDirectoryName(path), RuntimeDirectory, StringComparison.Ordinal))
            return null;
        var name = Path.GetFileNameWithoutExtension(path);
        return Providers.GetOrAdd(name, n =>
        {
            IEnumerable<string> candidates = n == "System.Private.CoreLib" ? CoreLibFacades : [n];
            var files = candidates.Select(c => Path.Combine(pack, c + ".xml")).Where(File.Exists).ToArray();
            return new FrameworkDocumentation(n, files);
        });
    }

    /// <summary>Loads the most used documentation file now (from a background warm-up).</summary>
    public static void Preload()
    {
        if (ReferencePackDirectory.Value is { } pack)
            _ = Load(Path.Combine(pack, "System.Runtime.xml"));
    }

    protected override string GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default)
    {
        foreach (var file in _files)
        {
            if (Load(file).TryGetValue(documentationMemberID, out var xml))
                return xml;
        }
        return "";
    }

    public override bool Equals(object? obj) => obj is FrameworkDocumentation other && other._assemblyName == _assemblyName;

    public override int GetHashCode() => _assemblyName.GetHashCode(StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, string> Load(string file)
        => Files.GetOrAdd(file, f => new Lazy<IReadOnlyDictionary<string, string>>(() => Read(f))).Value;

    private static Dictionary<string, string> Read(string file)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Ignore });
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "member" && reader.GetAttribute("name") is { } name)
                    members.TryAdd(name, reader.ReadOuterXml());
                else
                    reader.Read();
            }
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            // Docs are a convenience: a missing or broken file leaves summaries out.
        }
        return members;
    }

    /// <summary>
    /// <c>&lt;dotnet&gt;/packs/Microsoft.NETCore.App.Ref/&lt;v&gt;/ref/net&lt;major.minor&gt;</c> for the newest pack
    /// not newer than the running runtime, or null when the SDK's reference pack is not installed.
    /// </summary>
    private static string? FindReferencePack()
    {
        var runtime = Environment.Version;
        var root = Path.GetFullPath(Path.Combine(RuntimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
            return null;
        var framework = $"net{runtime.Major}.{runtime.Minor}";
        // Prefer the pack matching the runtime, then older ones of the same major version, then newer ones.
        return Directory.GetDirectories(packs)
            .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(p => p.Version is not null && p.Version.Major == runtime.Major)
            .OrderBy(p => p.Version! <= runtime ? 0 : 1)
            .ThenByDescending(p => p.Version! <= runtime ? p.Version : null)
            .ThenBy(p => p.Version)
            .Select(p => Path.Combine(p.Directory, "ref", framework))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "System.Runtime.xml")));
    }
}
