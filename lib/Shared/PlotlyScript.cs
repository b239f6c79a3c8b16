using System.Text;

namespace RnnNotebooks.Shared;

/// <summary>The plotly.js bundle that Plotly.NET embeds, read once.</summary>
/// <remarks>Compiled into both the notebook runtime and the chart library, which share no assembly.</remarks>
internal static class PlotlyScript
{
    private static readonly Lazy<string> Script = new(Load);

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Script.Value;

    private static string Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"plotly.js is not embedded in {assembly.Location}; charts cannot be drawn offline.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
