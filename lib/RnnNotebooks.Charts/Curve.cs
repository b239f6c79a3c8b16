namespace RnnNotebooks.Charts;

/// <summary>A line with its own x values, so curves of different lengths (ours and a source's) share one chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values, one per x.</param>
public sealed record Curve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>How the line is drawn (e.g. dashed for a source's figures or a held-out split).</summary>
    public LineDash Dash { get; init; }

    /// <summary>Mark every point.</summary>
    public bool Markers { get; init; }

    /// <summary>Points only, no line.</summary>
    public bool PointsOnly { get; init; }

    /// <summary>Colour as <c>#rrggbb</c>, or null for Plotly's palette.</summary>
    public string? Color { get; init; }

    /// <summary>Line width in pixels, or null for Plotly's (2).</summary>
    public double? Width { get; init; }

    /// <summary>Marker size in pixels, or null for Plotly's (6).</summary>
    public int? MarkerSize { get; init; }

    /// <summary>Plotly marker symbol (<c>"circle"</c>, <c>"star"</c>, <c>"diamond"</c>, <c>"x"</c> …), or null for a circle.</summary>
    public string? Symbol { get; init; }
}
