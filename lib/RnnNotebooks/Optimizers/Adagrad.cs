namespace RnnNotebooks.Optimizers;

/// <summary>
/// Adagrad as <c>torch.optim.Adagrad</c>: each weight's step is divided by the root of its summed
/// squared gradients; learning-rate decay <c>lr / (1 + (t − 1)·lrDecay)</c>, eps 1e-10.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private readonly double[][] _sum;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size, default 1e-2.</param>
    /// <param name="learningRateDecay">Decay of the learning rate per step.</param>
    /// <param name="epsilon">Added to the root of the sum for stability.</param>
    /// <param name="initialAccumulator">Starting value of every sum of squares.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range.</exception>
    public Adagrad(IReadOnlyList<Parameter> parameters, double learningRate = 1e-2, double learningRateDecay = 0,
        double epsilon = 1e-10, double initialAccumulator = 0, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        LearningRateDecay = RequireNonNegative(learningRateDecay, nameof(learningRateDecay), "learning-rate decay");
        Epsilon = RequireNonNegative(epsilon, nameof(epsilon), "epsilon");
        RequireNonNegative(initialAccumulator, nameof(initialAccumulator), "initial accumulator");
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay), "weight decay");
        _sum = CreateState();
        foreach (var s in _sum) Array.Fill(s, initialAccumulator);
    }

    /// <summary>Decay of the learning rate per step.</summary>
    public double LearningRateDecay { get; }

    /// <summary>Stabilising constant.</summary>
    public double Epsilon { get; }

    /// <summary>L2 weight decay factor.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        double clr = LearningRate / (1 + (StepCount - 1) * LearningRateDecay);
        double[] sum = _sum[index];
        for (int i = 0; i < value.Length; i++)
        {
            double g = grad[i];
            if (WeightDecay != 0) g += WeightDecay * value[i];
            sum[i] += g * g;
            value[i] += -clr * (g / (Math.Sqrt(sum[i]) + Epsilon));
        }
    }
}
