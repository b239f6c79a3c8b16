using System.Numerics.Tensors;

namespace RnnNotebooks.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum (heavy-ball or Nesterov), dampening and
/// L2 weight decay, exactly as <c>torch.optim.SGD</c>: the first step seeds the momentum buffer
/// with the gradient itself.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly double[][]? _buffers;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size (no default, as in torch).</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 disables it.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and no dampening).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient as <c>weightDecay · value</c>.</param>
    /// <param name="dampening">Dampening of the gradient inside the momentum buffer.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range, or Nesterov is asked for without momentum or with dampening.</exception>
    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, bool nesterov = false,
        double weightDecay = 0, double dampening = 0)
        : base(parameters, learningRate)
    {
        Momentum = RequireFraction(momentum, nameof(momentum), "momentum");
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay), "weight decay");
        Dampening = RequireFraction(dampening, nameof(dampening), "dampening");
        if (nesterov && (momentum == 0 || dampening != 0))
            throw new ArgumentException($"Nesterov momentum needs momentum > 0 and dampening 0; got momentum {momentum}, dampening {dampening}.", nameof(nesterov));
        Nesterov = nesterov;
        if (momentum != 0) _buffers = CreateState();
    }

    /// <summary>Momentum factor; 0 means plain SGD.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 weight decay factor.</summary>
    public double WeightDecay { get; }

    /// <summary>Dampening of new gradients in the momentum buffer.</summary>
    public double Dampening { get; }

    /// <inheritdoc />
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        double lr = LearningRate;
        if (_buffers is null && WeightDecay == 0)
        {
            // Plain SGD is the inner loop of the one-example-at-a-time notebooks: one SIMD pass, or for a handful of
            // weights (a one-unit layer) the same multiply and add in a plain loop, which costs less than the call.
            if (value.Length >= 8) TensorPrimitives.MultiplyAdd(grad, -lr, value, value);
            else
                for (int i = 0; i < value.Length; i++) value[i] = grad[i] * -lr + value[i];
            return;
        }
        bool first = StepCount == 1;
        double[]? buf = _buffers?[index];
        for (int i = 0; i < value.Length; i++)
        {
            double d = grad[i];
            if (WeightDecay != 0) d += WeightDecay * value[i];
            if (buf is not null)
            {
                buf[i] = first ? d : buf[i] * Momentum + (1 - Dampening) * d;
                d = Nesterov ? d + Momentum * buf[i] : buf[i];
            }
            value[i] += -lr * d;
        }
    }
}
