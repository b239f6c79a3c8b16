using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Export;

namespace RnnNotebooks.Runtime.Tests.Export;

public class KatexAssetsTests
{
    private static string WebDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../lib/RnnNotebooks.Runner/web"));

    [Fact]
    public void Fonts_become_woff2_data_uris_and_other_formats_are_dropped()
    {
        const string css = ".a{x:1}@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format(\"woff2\"),url(fonts/KaTeX_AMS-Regular.woff) format(\"woff\"),url(fonts/KaTeX_AMS-Regular.ttf) format(\"truetype\")}.b{y:2}";
        byte[] font = [1, 2, 3, 250];

        var inlined = KatexAssets.InlineFonts(css, name => name == "KaTeX_AMS-Regular.woff2" ? font : null);

        Assert.Equal(".a{x:1}@font-face{font-family:KaTeX_AMS;src:url(data:font/woff2;base64,AQID+g==) format(\"woff2\")}.b{y:2}", inlined);
    }

    [Fact]
    public void A_font_the_stylesheet_names_but_the_build_lacks_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            KatexAssets.InlineFonts("@font-face{src:url(fonts/KaTeX_X.woff2) format(\"woff2\")}", _ => null));
        Assert.Contains("KaTeX_X.woff2", e.Message);
    }

    [Fact]
    public void An_assembly_without_katex_resources_gives_no_bundle() =>
        Assert.Null(KatexAssets.Load(typeof(KatexAssetsTests).Assembly));

    [Fact]
    public void The_build_embeds_the_pinned_katex_with_every_font_inlined()
    {
        var web = WebDirectory();
        Assert.True(File.Exists(Path.Combine(web, "package.json")), $"expected the web assets' package.json in {web}");
        // Never a silent pass: without the assets the pages show TeX source, and this test says how to fix it.
        Assert.True(File.Exists(Path.Combine(web, "node_modules/katex/dist/katex.min.js")),
            $"KaTeX is not installed in {web}/node_modules, so exported pages would show math as TeX source. " +
            "Install npm (`apt-get install npm`; .ci/run does) and rebuild: the build runs `npm ci` there.");
        var bundle = KatexAssets.Current;
        Assert.NotNull(bundle);

        var pinned = (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(web, "package.json")))!["dependencies"]!["katex"];
        Assert.Equal(pinned, bundle.Version);
        Assert.Contains("renderMathInElement", bundle.Script);
        Assert.DoesNotContain("url(fonts/", bundle.Css);
        Assert.DoesNotContain(".ttf", bundle.Css);
        Assert.Equal(Regex.Matches(bundle.Css, "@font-face").Count, Regex.Matches(bundle.Css, "url\\(data:font/woff2;base64,").Count);
        Assert.True(Regex.Matches(bundle.Css, "@font-face").Count >= 10);
    }
}
