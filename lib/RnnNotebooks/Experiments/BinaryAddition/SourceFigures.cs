namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>
/// What the binary-addition blog post (seed 002) printed: the training-set loss logged before each
/// of its ten epochs, and the accuracy it reported, for both bit orders.
/// </summary>
public static class SourceFigures
{
    /// <summary>Loss before epochs 0 … 9 with the bits fed least significant first.</summary>
    public static IReadOnlyList<double> LsbFirstLosses { get; } =
        [0.711610, 0.056623, 0.034568, 0.031605, 0.030482, 0.029896, 0.029538, 0.029297, 0.029123, 0.028993];

    /// <summary>Loss before epochs 0 … 9 with the bits fed most significant first.</summary>
    public static IReadOnlyList<double> MsbFirstLosses { get; } =
        [0.709881, 0.658799, 0.622423, 0.617654, 0.614902, 0.612439, 0.610115, 0.608214, 0.606709, 0.605867];

    /// <summary>The accuracy the post reports for least-significant-first training (its lenient measure).</summary>
    public const double LsbFirstAccuracy = 1.00;

    /// <summary>The accuracy the post reports for most-significant-first training (its lenient measure).</summary>
    public const double MsbFirstAccuracy = 0.84;

    /// <summary>The logged losses for <paramref name="order"/>.</summary>
    public static IReadOnlyList<double> Losses(Data.BitOrder order) =>
        order == Data.BitOrder.LsbFirst ? LsbFirstLosses : MsbFirstLosses;

    /// <summary>The reported accuracy for <paramref name="order"/>.</summary>
    public static double Accuracy(Data.BitOrder order) =>
        order == Data.BitOrder.LsbFirst ? LsbFirstAccuracy : MsbFirstAccuracy;
}
