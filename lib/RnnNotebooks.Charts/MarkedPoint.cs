namespace RnnNotebooks.Charts;

/// <summary>A marked point on a surface chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
/// <param name="Color">CSS colour.</param>
public sealed record MarkedPoint(string Name, double X, double Y, string Color)
{
    /// <summary>Plotly marker symbol, e.g. <c>"circle"</c> or <c>"star"</c>.</summary>
    public string Symbol { get; init; } = "circle";

    /// <summary>Marker size in pixels.</summary>
    public int Size { get; init; } = 12;
}
