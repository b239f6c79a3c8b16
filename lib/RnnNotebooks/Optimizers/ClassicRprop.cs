using System.Runtime.CompilerServices;
namespace RnnNotebooks.Optimizers;

/// <summary>
/// The plain Rprop rule of Peter Roelants' tutorial (seed 004): every step each weight's step
/// size is multiplied by <see cref="EtaPlus"/> if its gradient's sign equals the previous sign and
/// by <see cref="EtaMinus"/> otherwise, and then the weight moves by <c>−sign(g)·step</c>, even
/// right after a sign change. The previous sign starts at 0, so a non-zero first gradient
/// shrinks the initial step by <see cref="EtaMinus"/>. No step bounds.
/// The learning rate is the initial step, read at the first <see cref="Optimizer.Step"/>.
/// </summary>
/// <seealso cref="Rprop"/>
public sealed class ClassicRprop : Optimizer
{
    private readonly double[][] _previousSign;
    private readonly double[][] _steps;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="initialStep">Initial step of every weight (the tutorial uses 0.001).</param>
    /// <param name="etaMinus">Factor applied when the sign differs from the previous one, in (0, 1).</param>
    /// <param name="etaPlus">Factor applied when the sign repeats, above 1.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range.</exception>
    public ClassicRprop(IReadOnlyList<Parameter> parameters, double initialStep = 1e-3, double etaMinus = 0.5, double etaPlus = 1.2)
        : base(parameters, initialStep)
    {
        if (!(etaMinus > 0 && etaMinus < 1 && etaPlus > 1 && double.IsFinite(etaPlus)))
            throw new ArgumentOutOfRangeException(nameof(etaMinus), $"Expected 0 < etaMinus < 1 < etaPlus; got etaMinus = {etaMinus}, etaPlus = {etaPlus}.");
        EtaMinus = etaMinus;
        EtaPlus = etaPlus;
        _previousSign = CreateState();
        _steps = CreateState();
    }

    /// <summary>Step factor when the sign changes.</summary>
    public double EtaMinus { get; }

    /// <summary>Step factor when the sign repeats.</summary>
    public double EtaPlus { get; }

    /// <summary>The current step size of each weight of parameter <paramref name="index"/> (a copy).</summary>
    public double[] StepSizes(int index) => (double[])_steps[index].Clone();

    /// <inheritdoc />
    // Optimised on first use: the tutorial's 500 steps are over before tiered compilation would get here.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        double[] prevSign = _previousSign[index], steps = _steps[index];
        if (StepCount == 1) Array.Fill(steps, LearningRate);
        for (int i = 0; i < value.Length; i++)
        {
            double sign = Sign(grad[i]);
            steps[i] *= sign == prevSign[i] ? EtaPlus : EtaMinus;
            prevSign[i] = sign;
            value[i] -= sign * steps[i];
        }
    }

    // NumPy's sign: NaN stays NaN (so a NaN gradient poisons the weight visibly), ±0 gives 0.
    private static double Sign(double g) => g > 0 ? 1.0 : g < 0 ? -1.0 : g == 0 ? 0.0 : double.NaN;
}
