using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Shared;

/// <summary>
/// The <c>text/html</c> fallback of a Plotly figure, for front ends that do not render
/// <c>application/vnd.plotly.v1+json</c> (the classic Jupyter Notebook, nbconvert's HTML). It draws with the
/// plotly.js already on the page; the first fallback of a session carries plotly.js itself, so no output
/// needs the network and the 3.5 MB library is not repeated in every output.
/// </summary>
/// <remarks>Compiled into both the notebook runtime and the chart library, which share no assembly.</remarks>
internal static partial class PlotlyFallback
{
    /// <summary>
    /// The markup for <paramref name="figure"/> (<c>{"data", "layout", "config"?}</c>); <paramref name="plotlyJs"/>,
    /// when given, is plotly.js to define on the page first.
    /// </summary>
    public static string Html(JsonObject figure, string? plotlyJs)
    {
        var id = "rnn-plot-" + Guid.NewGuid().ToString("N")[..12];
        var height = figure["layout"]?["height"] is JsonValue h && h.TryGetValue(out double value) ? value : 450;
        var html = new System.Text.StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" style=\"width:100%;height:")
            .Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>\n");
        if (plotlyJs is not null)
        {
            // Hide require.js (classic Notebook) and CommonJS from plotly.js's module header, so it sets window.Plotly.
            html.Append("<script>(function(define,module,exports){").Append(ForScript(plotlyJs)).Append("\n}).call(window);</script>\n");
        }
        html.Append("<script>(function(){var f=").Append(ForScript(figure.ToJsonString())).Append(";var e=document.getElementById('").Append(id).Append("');")
            .Append("if(!e)return;")
            .Append("if(window.Plotly){window.Plotly.newPlot(e,f.data,f.layout,Object.assign({responsive:true},f.config||{}));}")
            .Append("else{e.style.height='auto';e.textContent='This chart is drawn with plotly.js, which the first chart of the session carries. Run the notebook from its first cell to see it.';}")
            .Append("})();</script>");
        return html.ToString();
    }

    /// <summary>Makes text safe inside a &lt;script&gt; element: no <c>&lt;/script</c> or <c>&lt;!--</c> can end or confuse it.</summary>
    public static string ForScript(string text) => ScriptEnd().Replace(text.Replace("<!--", "<\\!--"), "<\\/");

    [GeneratedRegex("</(?=script)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptEnd();
}
