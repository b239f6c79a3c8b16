namespace RnnNotebooks.Experiments.CountingOnes;

/// <summary>
/// What the counting-ones tutorial (seed 004) printed, and the same figures to every digit as NumPy
/// computes them on the tutorial's own data (legacy generator seeded with 1).
/// </summary>
public static class SourceFigures
{
    /// <summary>Samples in the tutorial's dataset.</summary>
    public const int Samples = 20;

    /// <summary>Bits per training sequence.</summary>
    public const int SequenceLength = 10;

    /// <summary>The seed of NumPy's legacy generator the tutorial's data came from.</summary>
    public const uint Seed = 1;

    /// <summary>Where Rprop starts: wx.</summary>
    public const double StartWx = -1.5;

    /// <summary>Where Rprop starts: wRec.</summary>
    public const double StartWRec = 2.0;

    /// <summary>Rprop iterations.</summary>
    public const int Iterations = 500;

    /// <summary>Rprop's initial step for both weights.</summary>
    public const double InitialStep = 0.001;

    /// <summary>Rprop's growth factor η⁺.</summary>
    public const double EtaPlus = 1.2;

    /// <summary>Rprop's shrink factor η⁻.</summary>
    public const double EtaMinus = 0.5;

    /// <summary>The final wx as printed ("1.00135554721").</summary>
    public const double PrintedWx = 1.00135554721;

    /// <summary>The final wRec as printed ("0.999674473785").</summary>
    public const double PrintedWRec = 0.999674473785;

    /// <summary>The final wx to every digit (NumPy on the tutorial's data).</summary>
    public const double ExactWx = 1.001355547207059;

    /// <summary>The final wRec to every digit (NumPy on the tutorial's data).</summary>
    public const double ExactWRec = 0.9996744737846419;

    /// <summary>The length-12 test sequence.</summary>
    public static IReadOnlyList<double> TestSequence { get; } = [0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1];

    /// <summary>The model's output on the test sequence as printed ("4.99").</summary>
    public const double PrintedTestOutput = 4.99;

    /// <summary>The model's output on the test sequence to five decimals (NumPy on the tutorial's data).</summary>
    public const double ExactTestOutput = 4.99896;

    /// <summary>The weights at which the tutorial checks its gradients.</summary>
    public const double GradientCheckAt = 1.2;

    /// <summary>The finite-difference step of the tutorial's gradient check.</summary>
    public const double GradientCheckEpsilon = 1e-7;

    /// <summary>The six weight pairs (wx, wRec) marked on the cost surface and followed back through time.</summary>
    public static IReadOnlyList<(double Wx, double WRec)> MarkedPoints { get; } = [(2, 1), (1, 2), (1, -2), (1, 0), (1, 0.5), (1, -0.5)];
}
