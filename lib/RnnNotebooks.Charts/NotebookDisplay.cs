using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;
using RnnNotebooks.Shared;

namespace RnnNotebooks.Charts;

/// <summary>
/// How charts and tables display in a notebook. A chart becomes a Plotly figure
/// (<c>application/vnd.plotly.v1+json</c>) with a <c>text/html</c> fallback that draws it with plotly.js for
/// front ends without a Plotly renderer; tables become HTML. The fallback needs no network: the first chart of
/// a session carries plotly.js itself (once), and later charts use it.
/// </summary>
/// <remarks>
/// The notebooks' own runtime formats these types itself. Under .NET Interactive (Polyglot Notebooks, the
/// <c>.net-csharp</c> Jupyter kernel) <see cref="Register"/> teaches its formatter the same; it runs when this
/// assembly is first used, and notebooks call it from their setup. This library does not depend on .NET
/// Interactive: the formatter is found by name when the host has loaded it.
/// </remarks>
public static class NotebookDisplay
{
    /// <summary>The MIME type of a Plotly figure.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private const string FormatterTypeName = "Microsoft.DotNet.Interactive.Formatting.Formatter";
    private static int _libraryShown;

    /// <summary>
    /// Registers chart and table formatters with .NET Interactive's <c>Formatter</c> when the host has loaded it,
    /// and starts a new session (the next chart carries plotly.js again). Safe to call more than once.
    /// </summary>
    /// <returns>Whether a formatter was found to register with.</returns>
    public static bool Register()
    {
        Volatile.Write(ref _libraryShown, 0);
        var formatter = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(FormatterTypeName, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        var register = formatter?.GetMethod("Register", BindingFlags.Public | BindingFlags.Static, [typeof(Type), typeof(Action<object, TextWriter>), typeof(string)]);
        var preferred = formatter?.GetMethod("SetPreferredMimeTypesFor", BindingFlags.Public | BindingFlags.Static, [typeof(Type), typeof(string[])]);
        if (register is null || preferred is null) return false;

        void Add(Type type, string mimeType, Func<object, string> format) =>
            register.Invoke(null, [type, new Action<object, TextWriter>((value, writer) => writer.Write(format(value))), mimeType]);

        Add(typeof(GenericChart), PlotlyMimeType, chart => FigureJson((GenericChart)chart));
        Add(typeof(GenericChart), "text/html", chart => FallbackHtml((GenericChart)chart));
        Add(typeof(GenericChart), "text/plain", chart => PlainText((GenericChart)chart));
        preferred.Invoke(null, [typeof(GenericChart), new[] { PlotlyMimeType, "text/html", "text/plain" }]);
        Add(typeof(ResultTable), "text/html", table => ((ResultTable)table).ToHtml());
        Add(typeof(ResultTable), "text/plain", table => table.ToString()!);
        preferred.Invoke(null, [typeof(ResultTable), new[] { "text/html", "text/plain" }]);
        Add(typeof(ReproducedTable), "text/html", table => ((ReproducedTable)table).ToHtml());
        Add(typeof(ReproducedTable), "text/plain", table => table.ToString()!);
        preferred.Invoke(null, [typeof(ReproducedTable), new[] { "text/html", "text/plain" }]);
        return true;
    }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Charts display as figures under .NET Interactive without a setup call.")]
    internal static void RegisterOnLoad()
    {
        FSharpCoreBinding.Install();
        Register();
    }

    /// <summary>The chart as a Plotly figure: <c>{"data": [...], "layout": {...}}</c>, plus <c>frames</c> and <c>config</c> when set.</summary>
    public static string FigureJson(GenericChart chart) => Figure(chart).ToJsonString();

    /// <summary>
    /// HTML that draws <paramref name="chart"/> with plotly.js. The first fallback of a session (see
    /// <see cref="Register"/>) includes plotly.js; the others draw with the copy already on the page.
    /// </summary>
    public static string FallbackHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = Figure(chart);
        var library = Interlocked.Exchange(ref _libraryShown, 1) == 0 ? PlotlyScript.Source : null;
        return PlotlyFallback.Html(figure, library);
    }

    /// <summary>A one-line description: the chart's title.</summary>
    public static string PlainText(GenericChart chart)
    {
        var title = (string?)Figure(chart)["layout"]?["title"]?["text"];
        return title is null ? "Plotly chart" : $"Plotly chart: {title}";
    }

    private static JsonObject Figure(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        var plot = new JsonObject
        {
            ["data"] = figure["data"]?.DeepClone() ?? new JsonArray(),
            ["layout"] = figure["layout"]?.DeepClone() ?? new JsonObject(),
        };
        if (figure["frames"] is JsonArray { Count: > 0 } frames) plot["frames"] = frames.DeepClone();
        if (figure["config"] is JsonObject { Count: > 0 } config) plot["config"] = config.DeepClone();
        return plot;
    }

}
