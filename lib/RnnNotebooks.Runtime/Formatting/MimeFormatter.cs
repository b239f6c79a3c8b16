using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Shared;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Formatting;

/// <summary>
/// Turns a value into a MIME bundle, in this order:
/// <list type="number">
/// <item>a <see cref="MimeBundle"/> is shown as it is;</item>
/// <item>a Plotly.NET <c>GenericChart</c> becomes <c>application/vnd.plotly.v1+json</c> (the figure: data and layout)
/// plus a <c>text/html</c> fallback that draws it offline (the first chart of the process carries plotly.js), found
/// by type name so any copy of Plotly.NET works;</item>
/// <item>a type with a public parameterless <c>string ToHtml()</c> becomes <c>text/html</c> plus <c>text/plain</c>
/// (<c>ToString()</c>): the convention for library types, which then need no formatting package;</item>
/// <item>everything else goes through Microsoft.DotNet.Interactive.Formatting (<c>text/html</c> and <c>text/plain</c>),
/// which also honours a <c>[TypeFormatterSource]</c> attribute matched by name.</item>
/// </list>
/// </summary>
public static class MimeFormatter
{
    /// <summary>The MIME type of a Plotly figure.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private static int _plotlyJsShown;

    /// <summary>Formats <paramref name="value"/>; when <paramref name="mimeTypes"/> is not empty only those types are produced.</summary>
    public static MimeBundle Format(object? value, params string[] mimeTypes)
    {
        var bundle = FormatAll(value, mimeTypes);
        if (mimeTypes.Length == 0) return bundle;
        var data = new Dictionary<string, object>();
        foreach (var mime in mimeTypes)
            data[mime] = bundle.Data.TryGetValue(mime, out var existing) ? existing : ToDisplayString(value, mime);
        return new MimeBundle(data, bundle.Metadata);
    }

    private static MimeBundle FormatAll(object? value, string[] mimeTypes)
    {
        switch (value)
        {
            case MimeBundle b:
                return b;
            case null:
                return Plain("null");
            case string s:
                return Plain(s);
            case IFormattable f when value.GetType().IsPrimitive || value is decimal:
                return Plain(f.ToString(null, CultureInfo.InvariantCulture));
        }
        if (IsPlotlyChart(value.GetType()))
            return PlotlyBundle(value);
        if (ToHtmlMethod(value.GetType()) is { } toHtml)
            return new MimeBundle(new Dictionary<string, object>
            {
                ["text/html"] = (string?)toHtml.Invoke(value, null) ?? "",
                ["text/plain"] = value.ToString() ?? "",
            });
        ThrowIfAPropertyThrows(value);
        var data = new Dictionary<string, object>();
        if (mimeTypes.Length == 0 || mimeTypes.Contains("text/html")) data["text/html"] = ToDisplayString(value, "text/html");
        data["text/plain"] = ToDisplayString(value, "text/plain");
        return new MimeBundle(data);
    }

    /// <summary>
    /// The formatting package shows a property that throws as that exception's text, stack frames included, and
    /// carries on. A value that cannot be shown fails its cell instead, with the property's own exception.
    /// </summary>
    private static void ThrowIfAPropertyThrows(object value)
    {
        if (value is System.Collections.IEnumerable) return; // shown by its items, not its properties
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            try { property.GetValue(value); }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            }
        }
    }

    private static string ToDisplayString(object? value, string mimeType) => value switch
    {
        null => "null",
        string s when mimeType == "text/plain" => s,
        string s when mimeType == "text/html" => WebUtility.HtmlEncode(s),
        _ => value.ToDisplayString(mimeType),
    };

    private static MimeBundle Plain(string text) => new(new Dictionary<string, object> { ["text/plain"] = text });

    private static MethodInfo? ToHtmlMethod(Type type)
    {
        var method = type.GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method?.ReturnType == typeof(string) ? method : null;
    }

    /// <summary>Whether <paramref name="type"/> is (or derives from) Plotly.NET's <c>GenericChart</c>.</summary>
    public static bool IsPlotlyChart(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.FullName is "Plotly.NET.GenericChart" or "Plotly.NET.GenericChart+GenericChart") return true;
        return false;
    }

    private static MimeBundle PlotlyBundle(object chart)
    {
        var figureJson = (string)InvokeChartFunction(chart, "toFigureJson");
        var figure = JsonNode.Parse(figureJson)!.AsObject();
        var plot = new JsonObject
        {
            ["data"] = figure["data"]?.DeepClone() ?? new JsonArray(),
            ["layout"] = figure["layout"]?.DeepClone() ?? new JsonObject(),
        };
        if (figure["frames"] is JsonArray { Count: > 0 } frames) plot["frames"] = frames.DeepClone();
        var config = figure["config"]?.DeepClone();
        if (config is JsonObject { Count: > 0 }) plot["config"] = config;
        // The first chart of the process (a runner worker runs one notebook; a kernel process is one session)
        // carries plotly.js in its fallback, so front ends without a Plotly renderer draw every chart offline.
        var library = Interlocked.Exchange(ref _plotlyJsShown, 1) == 0 ? PlotlyScript.Source : null;
        var html = PlotlyFallback.Html(plot, library);
        var title = (string?)plot["layout"]?["title"]?["text"];
        return new MimeBundle(new Dictionary<string, object>
        {
            [PlotlyMimeType] = plot,
            ["text/html"] = html,
            ["text/plain"] = title is null ? "Plotly chart" : $"Plotly chart: {title}",
        });
    }

    /// <summary>Makes JSON safe inside a &lt;script&gt; element.</summary>
    internal static string JsonForScript(string json) => PlotlyFallback.ForScript(json);

    private static object InvokeChartFunction(object chart, string function)
    {
        var assembly = chart.GetType().Assembly;
        foreach (var holder in new[] { "Plotly.NET.GenericChart", "Plotly.NET.GenericChartModule" })
        {
            var method = assembly.GetType(holder)?.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == function && m.GetParameters() is [var p] && p.ParameterType.IsInstanceOfType(chart));
            if (method is not null) return method.Invoke(null, [chart])!;
        }
        throw new InvalidOperationException($"Plotly.NET in {assembly.Location} has no {function}(GenericChart).");
    }
}
