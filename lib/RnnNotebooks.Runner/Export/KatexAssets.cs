using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runner.Export;

/// <summary>
/// KaTeX as embedded by the build (see web/package.json): the renderer, its auto-render extension, and its
/// stylesheet with the woff2 fonts inlined as data URIs, so a page renders math with no network.
/// Absent when the build had no npm; pages then show the TeX source.
/// </summary>
internal static partial class KatexAssets
{
    private const string Prefix = "katex/";
    private static readonly Lazy<Bundle?> Loaded = new(() => Load(typeof(KatexAssets).Assembly));

    /// <summary>The embedded bundle, or null when this build carries no KaTeX.</summary>
    public static Bundle? Current => Loaded.Value;

    /// <summary>The three parts a page inlines.</summary>
    /// <param name="Script">katex.min.js followed by the auto-render extension.</param>
    /// <param name="Css">katex.min.css, every font a woff2 data URI.</param>
    /// <param name="Version">KaTeX's version, read from the script.</param>
    public sealed record Bundle(string Script, string Css, string Version);

    internal static Bundle? Load(Assembly assembly)
    {
        string? katex = ReadText(assembly, Prefix + "katex.min.js");
        string? autoRender = ReadText(assembly, Prefix + "auto-render.min.js");
        string? css = ReadText(assembly, Prefix + "katex.min.css");
        if (katex is null || autoRender is null || css is null) return null;
        var version = VersionPattern().Match(katex) is { Success: true } m ? m.Groups[1].Value : "unknown";
        return new Bundle(katex + "\n" + autoRender, InlineFonts(css, name => ReadBytes(assembly, Prefix + "fonts/" + name)), version);
    }

    /// <summary>
    /// Rewrites every <c>@font-face</c> source list to its woff2 file alone, as a data URI; browsers that draw
    /// KaTeX all read woff2, and the other formats would only triple the page.
    /// </summary>
    internal static string InlineFonts(string css, Func<string, byte[]?> readFont) =>
        FontSourcePattern().Replace(css, match =>
        {
            var name = match.Groups["file"].Value;
            var bytes = readFont(name)
                ?? throw new InvalidOperationException($"KaTeX's stylesheet names the font '{name}', which is not embedded.");
            return $"src:url(data:font/woff2;base64,{Convert.ToBase64String(bytes)}) format(\"woff2\")";
        });

    private static string? ReadText(Assembly assembly, string name)
    {
        var bytes = ReadBytes(assembly, name);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    private static byte[]? ReadBytes(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    // src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),url(...woff) format("woff"),url(...ttf) format("truetype")
    [GeneratedRegex("""src:\s*url\((?:fonts/)?(?<file>[^)/]+\.woff2)\)\s*format\("woff2"\)(?:\s*,\s*url\([^)]*\)\s*format\("[^"]*"\))*""")]
    private static partial Regex FontSourcePattern();

    [GeneratedRegex("""version:"(\d+\.\d+\.\d+)""")]
    private static partial Regex VersionPattern();
}
