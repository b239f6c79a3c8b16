namespace RnnNotebooks.Experiments.Ewma;

/// <summary>
/// The EWMA question's setup (seed 000) and what its loop ends at on its own draws (NumPy's legacy
/// generator seeded 1337: the samples, then W_a, W_x, b and a), measured with NumPy.
/// </summary>
public static class SourceFigures
{
    /// <summary>The seed of NumPy's legacy generator.</summary>
    public const uint Seed = 1337;

    /// <summary>Samples in the signal.</summary>
    public const int Samples = 10_000;

    /// <summary>The smoothing factor.</summary>
    public const double Alpha = 0.2;

    /// <summary>The loop's learning rate.</summary>
    public const double LearningRate = 0.001;

    /// <summary>The loop's epochs.</summary>
    public const int Epochs = 100;

    /// <summary>W_a after 100 epochs.</summary>
    public const double FinalWA = 0.7997660550596033;

    /// <summary>W_x after 100 epochs.</summary>
    public const double FinalWX = 0.19990398246938165;

    /// <summary>b after 100 epochs.</summary>
    public const double FinalB = 0.00015828729300316997;
}
