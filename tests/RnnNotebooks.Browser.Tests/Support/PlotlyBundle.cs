using System.Text.RegularExpressions;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>The plotly.js bundle that Plotly.NET embeds, the same file its CDN serves for that version.</summary>
internal static partial class PlotlyBundle
{
    private static readonly Lazy<(string Version, byte[] Bytes)> Bundle = new(Load);

    public static string Version => Bundle.Value.Version;

    /// <summary>
    /// Answers requests for <c>https://cdn.plot.ly/plotly-VERSION.min.js</c> of the embedded version with the
    /// embedded file (a query string, such as require.js adds, changes nothing), as a reader's network would;
    /// other versions stay unanswered.
    /// </summary>
    public static StandIn CdnStandIn() => new(
        new Regex($"^https://cdn\\.plot\\.ly/plotly-{Regex.Escape(Version)}\\.min\\.js(\\?.*)?$"), "application/javascript", () => Bundle.Value.Bytes);

    private static (string, byte[]) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Select(n => (Name: n, Match: ResourceName().Match(n))).FirstOrDefault(x => x.Match.Success);
        if (name.Name is null)
            throw new InvalidOperationException("Plotly.NET no longer embeds plotly.js");
        using var stream = assembly.GetManifestResourceStream(name.Name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (name.Match.Groups["version"].Value, copy.ToArray());
    }

    [GeneratedRegex(@"plotly-(?<version>[0-9][0-9.]*[0-9])\.min\.js$")]
    private static partial Regex ResourceName();
}
