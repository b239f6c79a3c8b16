using RnnNotebooks.Serialization;

namespace RnnNotebooks.Gradients;

/// <summary>
/// Compares analytic gradients (backpropagation) with central differences of the loss, entry by
/// entry, for every parameter of a model and optionally its input.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Checks <paramref name="model"/> + <paramref name="loss"/> on one batch: backpropagation
    /// gives the analytic gradients, then every parameter entry (and input entry) is nudged by ±ε
    /// and the loss re-evaluated. Parameter values are restored afterwards; their <c>Grad</c> holds
    /// the analytic gradient of this batch. A stateful layer would carry state from one evaluation
    /// to the next: check it with the general form, restoring <c>CarriedState</c> inside the loss.
    /// </summary>
    public static GradientCheckReport Run(ILayer model, ILoss loss, Tensor input, Tensor target, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        options ??= GradientCheckOptions.Default;
        var x = input.Clone();
        double[]? inputGradient = null;
        var report = Run(StateDict.Of(model), () => loss.Forward(model.Forward(x), target), () =>
        {
            loss.Forward(model.Forward(x), target);
            inputGradient = model.Backward(loss.Backward()).Data;
        }, options);
        if (!options.CheckInput) return report;
        var entry = Compare("input", x.Data, inputGradient!, () => loss.Forward(model.Forward(x), target), options);
        return new GradientCheckReport([.. report.Entries, entry], options);
    }

    /// <summary>
    /// The general form: <paramref name="computeLoss"/> evaluates the loss at the current parameter
    /// values; <paramref name="computeGradients"/> fills each parameter's <c>Grad</c> with the analytic
    /// gradient (this method zeroes the gradients before calling it).
    /// </summary>
    public static GradientCheckReport Run(
        IReadOnlyList<(string Name, Parameter Parameter)> parameters, Func<double> computeLoss, Action computeGradients,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(computeLoss);
        ArgumentNullException.ThrowIfNull(computeGradients);
        options ??= GradientCheckOptions.Default;
        foreach (var (_, p) in parameters) p.ZeroGrad();
        computeGradients();
        var entries = new List<GradientCheckEntry>(parameters.Count);
        foreach (var (name, p) in parameters)
            entries.Add(Compare(name, p.Value, (double[])p.Grad.Clone(), computeLoss, options));
        return new GradientCheckReport(entries, options);
    }

    /// <summary>The general form over a module's parameters, keyed by their state-dict names.</summary>
    public static GradientCheckReport Run(IModule module, Func<double> computeLoss, Action computeGradients, GradientCheckOptions? options = null) =>
        Run(StateDict.Of(module), computeLoss, computeGradients, options);

    /// <summary>Central difference of <paramref name="f"/> with respect to <paramref name="values"/>[<paramref name="index"/>], restoring it.</summary>
    public static double NumericalDerivative(double[] values, int index, Func<double> f, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(f);
        options ??= GradientCheckOptions.Default;
        double original = values[index], h = options.Epsilon;
        double At(double delta)
        {
            values[index] = original + delta;
            return f();
        }
        try
        {
            return options.Method == FiniteDifference.Central
                ? (At(h) - At(-h)) / (2 * h)
                : (-At(2 * h) + 8 * At(h) - 8 * At(-h) + At(-2 * h)) / (12 * h);
        }
        finally
        {
            values[index] = original;
        }
    }

    private static GradientCheckEntry Compare(string name, double[] values, double[] analytic, Func<double> f, GradientCheckOptions options)
    {
        double maxRel = 0, maxAbs = 0, maxGrad = 0;
        for (int i = 0; i < values.Length; i++)
        {
            AmbientCancellation.ThrowIfCancellationRequested();
            double numeric = NumericalDerivative(values, i, f, options);
            double a = analytic[i];
            double abs = Math.Abs(a - numeric);
            double rel = abs / Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), options.RelativeFloor);
            if (double.IsNaN(rel)) rel = double.PositiveInfinity;
            maxRel = Math.Max(maxRel, rel);
            maxAbs = Math.Max(maxAbs, double.IsNaN(abs) ? double.PositiveInfinity : abs);
            maxGrad = Math.Max(maxGrad, Math.Abs(a));
        }
        return new GradientCheckEntry(name, values.Length, maxRel, maxAbs, maxGrad);
    }
}
