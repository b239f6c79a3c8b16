using System.Xml.Linq;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Packages;

/// <summary>
/// Resolves <c>#r "nuget: ..."</c> with no network: from assemblies the runtime already ships, then from
/// the NuGet global packages folder (<c>NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>) that a restore of
/// the solution filled. Dependencies listed in each package's nuspec are resolved the same way.
/// </summary>
public sealed class OfflinePackageResolver : IPackageResolver
{
    private static readonly string[] FrameworkPreference =
        ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0", "netstandard1.6", "netstandard1.3", "netstandard1.0"];

    private readonly string _packagesRoot;
    private readonly IReadOnlyDictionary<string, string> _shipped;

    /// <summary>Creates a resolver over <paramref name="packagesRoot"/> (default: the global packages folder).</summary>
    public OfflinePackageResolver(string? packagesRoot = null)
    {
        _packagesRoot = packagesRoot ?? DefaultPackagesRoot();
        _shipped = ShippedAssemblies();
    }

    /// <summary>The NuGet global packages folder.</summary>
    public static string DefaultPackagesRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default)
    {
        var result = new List<string>();
        Resolve(name, version, exact: true, result, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        return Task.FromResult<IReadOnlyList<string>>(result);
    }

    private void Resolve(string name, string? version, bool exact, List<string> result, HashSet<string> seen)
    {
        if (!seen.Add(name)) return;
        // A dependency the runtime already ships is taken from it, so both sides share one copy.
        if (!exact && _shipped.TryGetValue(name, out var own))
        {
            if (!result.Contains(own)) result.Add(own);
            return;
        }
        var dir = Path.Combine(_packagesRoot, name.ToLowerInvariant());
        var versions = Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>()
                .Where(v => File.Exists(Path.Combine(dir, v, $"{name.ToLowerInvariant()}.nuspec")) || Directory.Exists(Path.Combine(dir, v, "lib")))
                .ToList()
            : [];
        var chosen = ChooseVersion(versions, version, exact);
        if (chosen is null)
        {
            if (_shipped.TryGetValue(name, out var shipped))
            {
                result.Add(shipped);
                return;
            }
            if (!exact && IsFrameworkPackage(name)) return;
            var have = versions.Count == 0 ? "none" : string.Join(", ", versions.Order());
            throw new PackageResolutionException(
                $"package '{name}'{(version is null ? "" : $" version {version}")} is not available offline: " +
                $"it is neither shipped with the runtime nor in the package cache {_packagesRoot} (versions there: {have}). " +
                "Add it to Directory.Packages.props and a project, then run `dotnet restore`.");
        }
        var packageDir = Path.Combine(dir, chosen);
        var lib = BestFrameworkFolder(Path.Combine(packageDir, "lib"));
        if (lib is not null)
            result.AddRange(Directory.GetFiles(lib, "*.dll").Where(f => !result.Any(r => Path.GetFileName(r) == Path.GetFileName(f))));
        foreach (var (depName, depVersion) in Dependencies(packageDir, name))
            Resolve(depName, depVersion, exact: false, result, seen);
    }

    private bool IsFrameworkPackage(string name) =>
        name.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase)
        || name.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase) || _shipped.ContainsKey(name);

    private static string? ChooseVersion(List<string> available, string? requested, bool exact)
    {
        if (available.Count == 0) return null;
        var parsed = available.Select(v => (Text: v, Key: VersionKey(v))).OrderBy(v => v.Key, VersionComparer.Instance).ToList();
        if (requested is null || requested == "*") return parsed[^1].Text;
        var range = requested.Trim();
        var min = range.TrimStart('[', '(').Split(',')[0].Trim().TrimEnd(']', ')');
        if (exact && !range.StartsWith('[') && !range.StartsWith('('))
        {
            var match = parsed.FirstOrDefault(v => string.Equals(v.Text, min, StringComparison.OrdinalIgnoreCase));
            if (match.Text is not null) return match.Text;
            // A floating "1.2.*" picks the highest matching prefix.
            if (min.EndsWith('*'))
                return parsed.LastOrDefault(v => v.Text.StartsWith(min.TrimEnd('*'), StringComparison.OrdinalIgnoreCase)).Text;
            return null;
        }
        // Dependencies (NuGet's lowest applicable version rule).
        var minKey = VersionKey(min);
        return parsed.FirstOrDefault(v => VersionComparer.Instance.Compare(v.Key, minKey) >= 0).Text;
    }

    private static (int[] Numbers, string Label) VersionKey(string v)
    {
        var dash = v.IndexOf('-');
        var core = dash < 0 ? v : v[..dash];
        var numbers = core.Split('.').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
        return (numbers, dash < 0 ? "" : v[(dash + 1)..]);
    }

    private sealed class VersionComparer : IComparer<(int[] Numbers, string Label)>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare((int[] Numbers, string Label) x, (int[] Numbers, string Label) y)
        {
            for (var i = 0; i < Math.Max(x.Numbers.Length, y.Numbers.Length); i++)
            {
                var c = (i < x.Numbers.Length ? x.Numbers[i] : 0).CompareTo(i < y.Numbers.Length ? y.Numbers[i] : 0);
                if (c != 0) return c;
            }
            if (x.Label.Length == 0 || y.Label.Length == 0) return y.Label.Length.CompareTo(x.Label.Length);
            return string.CompareOrdinal(x.Label, y.Label);
        }
    }

    private static string? BestFrameworkFolder(string lib)
    {
        if (!Directory.Exists(lib)) return null;
        foreach (var tfm in FrameworkPreference)
        {
            var candidate = Path.Combine(lib, tfm);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static IEnumerable<(string Name, string? Version)> Dependencies(string packageDir, string name)
    {
        var nuspec = Directory.GetFiles(packageDir, "*.nuspec").FirstOrDefault();
        if (nuspec is null) yield break;
        var doc = XDocument.Load(nuspec);
        var groups = doc.Descendants().Where(e => e.Name.LocalName == "group" && e.Parent?.Name.LocalName == "dependencies").ToList();
        IEnumerable<XElement> deps;
        if (groups.Count == 0)
            deps = doc.Descendants().Where(e => e.Name.LocalName == "dependency");
        else
        {
            var byTfm = groups.ToDictionary(g => NormalizeTfm((string?)g.Attribute("targetFramework") ?? ""), g => g);
            var best = FrameworkPreference.FirstOrDefault(byTfm.ContainsKey);
            deps = best is null ? [] : byTfm[best].Elements().Where(e => e.Name.LocalName == "dependency");
        }
        foreach (var d in deps)
        {
            var exclude = (string?)d.Attribute("exclude") ?? "";
            if (exclude.Contains("Compile", StringComparison.OrdinalIgnoreCase) && exclude.Contains("Runtime", StringComparison.OrdinalIgnoreCase)) continue;
            if ((string?)d.Attribute("id") is { } id) yield return (id, (string?)d.Attribute("version"));
        }
    }

    private static string NormalizeTfm(string tfm) => tfm.ToLowerInvariant() switch
    {
        var t when t.StartsWith(".netstandard") => "netstandard" + t[".netstandard".Length..],
        var t when t.StartsWith(".netcoreapp") => "netcoreapp" + t[".netcoreapp".Length..],
        var t when t.StartsWith("net") && !t.StartsWith("netstandard") && !t.StartsWith("netcoreapp") => t.Split('-')[0],
        var t => t,
    };

    private static IReadOnlyDictionary<string, string> ShippedAssemblies()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            foreach (var path in tpa.Split(Path.PathSeparator))
                map.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        return map;
    }
}
