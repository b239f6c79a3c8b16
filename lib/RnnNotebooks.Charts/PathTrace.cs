namespace RnnNotebooks.Charts;

/// <summary>A path drawn over a surface chart (an optimizer's trajectory, say).</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal coordinates, in order.</param>
/// <param name="Y">Vertical coordinates, in order.</param>
/// <param name="Color">CSS colour.</param>
public sealed record PathTrace(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Color)
{
    /// <summary>How the line is drawn, so paths that overlap stay told apart.</summary>
    public LineDash Dash { get; init; }

    /// <summary>Line width in pixels.</summary>
    public double Width { get; init; } = 2;

    /// <summary>Marker size in pixels (0 for a bare line).</summary>
    public int MarkerSize { get; init; } = 5;
}
