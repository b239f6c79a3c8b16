namespace RnnNotebooks.Data;

/// <summary>The order in which a number's bits become time steps.</summary>
public enum BitOrder
{
    /// <summary>Least significant bit first: the order a person adds in, so the carry is known when needed.</summary>
    LsbFirst,

    /// <summary>Most significant bit first: the order numbers are written in.</summary>
    MsbFirst,
}
