namespace RnnNotebooks.Optimizers;

/// <summary>
/// RMSProp as <c>torch.optim.RMSprop</c>: a running mean of squared gradients with decay
/// <see cref="Alpha"/> (default 0.99) scales each step; optional momentum, the centred form
/// (which also subtracts the squared running mean gradient) and L2 weight decay.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly double[][] _squareAvg;
    private readonly double[][]? _gradAvg;
    private readonly double[][]? _momentum;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size, default 1e-2 as in torch (Keras uses 1e-3).</param>
    /// <param name="alpha">Decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">Added to the root-mean-square for stability.</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 disables it.</param>
    /// <param name="centered">Normalise by the estimated variance instead of the raw second moment.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range.</exception>
    public RmsProp(IReadOnlyList<Parameter> parameters, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double momentum = 0, bool centered = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        Alpha = RequireFraction(alpha, nameof(alpha), "alpha");
        Epsilon = RequireNonNegative(epsilon, nameof(epsilon), "epsilon");
        Momentum = RequireFraction(momentum, nameof(momentum), "momentum");
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay), "weight decay");
        Centered = centered;
        _squareAvg = CreateState();
        if (centered) _gradAvg = CreateState();
        if (momentum > 0) _momentum = CreateState();
    }

    /// <summary>Decay of the squared-gradient average.</summary>
    public double Alpha { get; }

    /// <summary>Stabilising constant added to the root-mean-square.</summary>
    public double Epsilon { get; }

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Whether the centred variant is used.</summary>
    public bool Centered { get; }

    /// <summary>L2 weight decay factor.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        double[] sq = _squareAvg[index];
        double[]? ga = _gradAvg?[index];
        double[]? buf = _momentum?[index];
        double a = Alpha, lr = LearningRate;
        for (int i = 0; i < value.Length; i++)
        {
            double g = grad[i];
            if (WeightDecay != 0) g += WeightDecay * value[i];
            sq[i] = sq[i] * a + (1 - a) * (g * g);
            double avg;
            if (ga is not null)
            {
                ga[i] = ga[i] * a + (1 - a) * g;
                avg = Math.Sqrt(sq[i] - ga[i] * ga[i]);
            }
            else
            {
                avg = Math.Sqrt(sq[i]);
            }
            avg += Epsilon;
            if (buf is not null)
            {
                buf[i] = buf[i] * Momentum + g / avg;
                value[i] += -lr * buf[i];
            }
            else
            {
                value[i] += -lr * (g / avg);
            }
        }
    }
}
