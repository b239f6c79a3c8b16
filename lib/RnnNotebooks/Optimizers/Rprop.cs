namespace RnnNotebooks.Optimizers;

/// <summary>
/// Resilient backpropagation as <c>torch.optim.Rprop</c> (the "Rprop−" variant): only the
/// gradient's sign is used. A weight's step grows by <see cref="EtaPlus"/> while its gradient keeps
/// its sign and shrinks by <see cref="EtaMinus"/> when it flips; after a flip the weight does not
/// move and the remembered gradient is zeroed, so the next step neither grows nor shrinks.
/// Steps stay within [<see cref="MinStep"/>, <see cref="MaxStep"/>]. The learning rate is the
/// initial step, read at the first <see cref="Optimizer.Step"/>.
/// </summary>
/// <seealso cref="ClassicRprop"/>
public sealed class Rprop : Optimizer
{
    private readonly double[][] _previous;
    private readonly double[][] _steps;

    /// <summary>Creates the optimizer with torch's defaults.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Initial step size of every weight (torch: 1e-2).</param>
    /// <param name="etaMinus">Factor applied to a step on a sign change, in (0, 1).</param>
    /// <param name="etaPlus">Factor applied to a step while the sign holds, above 1.</param>
    /// <param name="minStep">Smallest step.</param>
    /// <param name="maxStep">Largest step.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range.</exception>
    public Rprop(IReadOnlyList<Parameter> parameters, double learningRate = 1e-2, double etaMinus = 0.5, double etaPlus = 1.2,
        double minStep = 1e-6, double maxStep = 50)
        : base(parameters, learningRate)
    {
        if (!(etaMinus > 0 && etaMinus < 1 && etaPlus > 1 && double.IsFinite(etaPlus)))
            throw new ArgumentOutOfRangeException(nameof(etaMinus), $"Expected 0 < etaMinus < 1 < etaPlus; got etaMinus = {etaMinus}, etaPlus = {etaPlus}.");
        if (!(minStep >= 0 && maxStep >= minStep && double.IsFinite(maxStep)))
            throw new ArgumentOutOfRangeException(nameof(minStep), $"Expected 0 <= minStep <= maxStep; got minStep = {minStep}, maxStep = {maxStep}.");
        EtaMinus = etaMinus;
        EtaPlus = etaPlus;
        MinStep = minStep;
        MaxStep = maxStep;
        _previous = CreateState();
        _steps = CreateState();
    }

    /// <summary>Step factor on a sign change.</summary>
    public double EtaMinus { get; }

    /// <summary>Step factor while the sign holds.</summary>
    public double EtaPlus { get; }

    /// <summary>Lower bound of a step.</summary>
    public double MinStep { get; }

    /// <summary>Upper bound of a step.</summary>
    public double MaxStep { get; }

    /// <inheritdoc />
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        double[] prev = _previous[index], steps = _steps[index];
        if (StepCount == 1) Array.Fill(steps, LearningRate);
        for (int i = 0; i < value.Length; i++)
        {
            double g = grad[i];
            double product = g * prev[i];
            double factor = product > 0 ? EtaPlus : product < 0 ? EtaMinus : 1.0;
            steps[i] = Math.Clamp(steps[i] * factor, MinStep, MaxStep);
            if (product < 0) g = 0;
            value[i] += -(Sign(g) * steps[i]);
            prev[i] = g;
        }
    }

    // Math.Sign throws on NaN; a NaN gradient should instead show up as a NaN weight.
    private static double Sign(double g) => g > 0 ? 1.0 : g < 0 ? -1.0 : g == 0 ? 0.0 : double.NaN;
}
