using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba) as <c>torch.optim.Adam</c>: defaults lr 1e-3, betas (0.9, 0.999), eps 1e-8,
/// bias correction by <c>1 − βᵗ</c>, optional L2 weight decay added to the gradient.
/// <see cref="Keras"/> gives Keras's variant (eps 1e-7, epsilon before bias correction).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double[][] _m;
    private readonly double[][] _v;
    private double _stepSize;
    private double _biasCorrection2Sqrt;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">Step size, default 1e-3.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for stability (Keras uses 1e-7).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <param name="epsilonPlacement">PyTorch's or Keras's placement of epsilon.</param>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range.</exception>
    public Adam(IReadOnlyList<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0, AdamEpsilon epsilonPlacement = AdamEpsilon.Torch)
        : base(parameters, learningRate)
    {
        Beta1 = RequireFraction(beta1, nameof(beta1), "beta1");
        Beta2 = RequireFraction(beta2, nameof(beta2), "beta2");
        Epsilon = RequireNonNegative(epsilon, nameof(epsilon), "epsilon");
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay), "weight decay");
        EpsilonPlacement = epsilonPlacement;
        _m = CreateState();
        _v = CreateState();
    }

    /// <summary>Adam with Keras's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-7 added before bias correction.</summary>
    public static Adam Keras(IReadOnlyList<Parameter> parameters, double learningRate = 1e-3) =>
        new(parameters, learningRate, epsilon: 1e-7, epsilonPlacement: AdamEpsilon.Keras);

    /// <summary>Decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Stabilising constant in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>L2 weight decay factor.</summary>
    public double WeightDecay { get; }

    /// <summary>Where epsilon enters the update.</summary>
    public AdamEpsilon EpsilonPlacement { get; }

    /// <inheritdoc />
    protected override void Update(int index, Span<double> value, ReadOnlySpan<double> grad)
    {
        if (index == 0)
        {
            int t = StepCount;
            double bc1 = 1 - Math.Pow(Beta1, t);
            double bc2 = 1 - Math.Pow(Beta2, t);
            _biasCorrection2Sqrt = Math.Sqrt(bc2);
            _stepSize = EpsilonPlacement == AdamEpsilon.Torch
                ? LearningRate / bc1
                : LearningRate * _biasCorrection2Sqrt / bc1;
        }
        double[] m = _m[index], v = _v[index];
        double b1 = Beta1, b2 = Beta2, eps = Epsilon, negStep = -_stepSize, bc2Sqrt = _biasCorrection2Sqrt;
        bool torch = EpsilonPlacement == AdamEpsilon.Torch;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && WeightDecay == 0)
            i = UpdateVectorized(value, grad, m, v, b1, b2, eps, negStep, bc2Sqrt, torch);
        for (; i < value.Length; i++)
        {
            double g = grad[i];
            if (WeightDecay != 0) g += WeightDecay * value[i];
            m[i] = m[i] * b1 + (1 - b1) * g;
            v[i] = v[i] * b2 + (1 - b2) * (g * g);
            double denom = torch ? Math.Sqrt(v[i]) / bc2Sqrt + eps : Math.Sqrt(v[i]) + eps;
            value[i] += negStep * (m[i] / denom);
        }
    }

    /// <summary>
    /// The update of <see cref="Update"/> eight values at a time, with the same operations in the same order
    /// (no fused multiply-adds), so every value is bit-identical to the scalar loop. Returns how many it did.
    /// </summary>
    // Compiled fully optimised on first use: unoptimised, each vector operation would be a call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UpdateVectorized(Span<double> value, ReadOnlySpan<double> grad, double[] m, double[] v,
        double b1, double b2, double eps, double negStep, double bc2Sqrt, bool torch)
    {
        var vb1 = Vector512.Create(b1);
        var vb2 = Vector512.Create(b2);
        var c1 = Vector512.Create(1 - b1);
        var c2 = Vector512.Create(1 - b2);
        var vEps = Vector512.Create(eps);
        var vStep = Vector512.Create(negStep);
        var vBc2 = Vector512.Create(bc2Sqrt);
        ref double pv = ref MemoryMarshal.GetReference(value);
        ref double pg = ref MemoryMarshal.GetReference(grad);
        ref double pm = ref MemoryMarshal.GetArrayDataReference(m);
        ref double ps = ref MemoryMarshal.GetArrayDataReference(v);
        int i = 0;
        for (; i <= value.Length - 8; i += 8)
        {
            nuint u = (nuint)i;
            var g = Vector512.LoadUnsafe(ref pg, u);
            var mi = Vector512.LoadUnsafe(ref pm, u) * vb1 + c1 * g;
            var vi = Vector512.LoadUnsafe(ref ps, u) * vb2 + c2 * (g * g);
            var denom = torch ? Vector512.Sqrt(vi) / vBc2 + vEps : Vector512.Sqrt(vi) + vEps;
            mi.StoreUnsafe(ref pm, u);
            vi.StoreUnsafe(ref ps, u);
            (Vector512.LoadUnsafe(ref pv, u) + vStep * (mi / denom)).StoreUnsafe(ref pv, u);
        }
        return i;
    }
}
