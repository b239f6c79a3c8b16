namespace RnnNotebooks.Charts;

/// <summary>How a line is drawn.</summary>
public enum LineDash
{
    /// <summary>A continuous line.</summary>
    Solid,

    /// <summary>Dashes.</summary>
    Dash,

    /// <summary>Dots.</summary>
    Dot,

    /// <summary>Dashes and dots.</summary>
    DashDot,

    /// <summary>Long dashes.</summary>
    LongDash,
}
