namespace RnnNotebooks.Experiments.ManyToOne;

/// <summary>
/// The many-to-one question's setup (seed 003): its dummy data are 10 sequences of 10 integers in
/// 0 … 5 with one binary label each. The thread reports no results, only the shape.
/// </summary>
public static class SourceFigures
{
    /// <summary>Sequences in the question's dummy data.</summary>
    public const int Samples = 10;

    /// <summary>Time steps per sequence.</summary>
    public const int TimeSteps = 10;

    /// <summary>Largest input value (inputs are integers 0 … 5).</summary>
    public const int MaxValue = 5;

    /// <summary>The question's hand-typed labels, which do not depend on the inputs.</summary>
    public static IReadOnlyList<int> Labels { get; } = [0, 1, 1, 1, 0, 0, 1, 1, 0, 1];
}
