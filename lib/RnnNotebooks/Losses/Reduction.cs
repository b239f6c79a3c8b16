namespace RnnNotebooks.Losses;

/// <summary>How a loss combines its per-element (or per-example) terms.</summary>
public enum Reduction
{
    /// <summary>The average (PyTorch's default, <c>reduction='mean'</c>).</summary>
    Mean,

    /// <summary>The sum (<c>reduction='sum'</c>).</summary>
    Sum,
}
