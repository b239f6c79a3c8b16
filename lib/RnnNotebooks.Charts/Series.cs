namespace RnnNotebooks.Charts;

/// <summary>A named series of y values for a multi-line chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Y">Values, one per x.</param>
public sealed record Series(string Name, IEnumerable<double> Y);
