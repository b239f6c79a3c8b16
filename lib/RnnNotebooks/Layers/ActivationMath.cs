using System.Numerics;
using System.Numerics.Tensors;

namespace RnnNotebooks.Layers;

/// <summary>
/// Vectorised activations and their derivatives, written from the activation's output
/// (every supported activation's derivative is a function of its output, so backward passes
/// need not keep pre-activations).
/// </summary>
/// <remarks>
/// The gate nonlinearities are the second hot spot after the matrix products: an LSTM step
/// with batch 32 and 32 units evaluates 5,120 of them. <see cref="TensorPrimitives"/> gives
/// SIMD <c>exp</c> and <c>sigmoid</c> accurate to an ulp; its double <c>tanh</c> is neither
/// vectorised nor accurate near zero, so <see cref="Tanh"/> is built here on its <c>exp</c>.
/// </remarks>
internal static class ActivationMath
{
    // Below this |z| the Taylor series of tanh is used: (1 − e)/(1 + e) would cancel.
    private const double SeriesLimit = 0.0625;

    /// <summary><paramref name="y"/> = f(<paramref name="z"/>); the spans must not overlap unless equal-length identity copies are acceptable (linear/relu only).</summary>
    public static void Apply(Activation activation, ReadOnlySpan<double> z, Span<double> y)
    {
        switch (activation)
        {
            case Activation.Linear: z.CopyTo(y); break;
            case Activation.Tanh: Tanh(z, y); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, y); break;
            case Activation.Relu: TensorPrimitives.Max(z, 0.0, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary><paramref name="dz"/> = <paramref name="dy"/> ⊙ f′, with f′ computed from the output <paramref name="y"/>.</summary>
    public static void Backward(Activation activation, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dz)
    {
        int n = y.Length;
        switch (activation)
        {
            case Activation.Linear:
                dy.CopyTo(dz);
                break;
            case Activation.Tanh:
                for (int i = 0; i < n; i++) dz[i] = dy[i] * (1.0 - y[i] * y[i]);
                break;
            case Activation.Sigmoid:
                for (int i = 0; i < n; i++) dz[i] = dy[i] * y[i] * (1.0 - y[i]);
                break;
            case Activation.Relu:
                for (int i = 0; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0.0;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>Logistic function, SIMD.</summary>
    public static void Sigmoid(ReadOnlySpan<double> z, Span<double> y) => TensorPrimitives.Sigmoid(z, y);

    /// <summary>
    /// tanh(z) = sign(z)·(1 − e)/(1 + e) with e = exp(−2|z|), and its Taylor series for small |z|.
    /// <paramref name="y"/> doubles as the workspace for e, so it must not overlap <paramref name="z"/>.
    /// </summary>
    public static void Tanh(ReadOnlySpan<double> z, Span<double> y)
    {
        int n = z.Length;
        if (y.Length < n) throw new ArgumentException($"Destination needs {n} values; got {y.Length}.", nameof(y));
        y = y[..n];
        if (z.Overlaps(y)) throw new ArgumentException("Tanh needs distinct source and destination spans.", nameof(y));
        TensorPrimitives.Abs(z, y);
        TensorPrimitives.Multiply(y, -2.0, y);
        TensorPrimitives.Exp(y, y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var one = Vector<double>.One;
            var limit = new Vector<double>(SeriesLimit);
            var c3 = new Vector<double>(-1.0 / 3);
            var c5 = new Vector<double>(2.0 / 15);
            var c7 = new Vector<double>(-17.0 / 315);
            var c9 = new Vector<double>(62.0 / 2835);
            var c11 = new Vector<double>(-1382.0 / 155925);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var x = new Vector<double>(z[i..]);
                var e = new Vector<double>(y[i..]);
                var t = (one - e) / (one + e);
                var signed = Vector.ConditionalSelect(Vector.LessThan(x, Vector<double>.Zero), -t, t);
                var x2 = x * x;
                var series = x * (one + x2 * (c3 + x2 * (c5 + x2 * (c7 + x2 * (c9 + x2 * c11)))));
                Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(x), limit), series, signed).CopyTo(y[i..]);
            }
        }
        for (; i < n; i++)
        {
            double x = z[i];
            if (Math.Abs(x) < SeriesLimit)
            {
                double x2 = x * x;
                y[i] = x * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835 + x2 * (-1382.0 / 155925))))));
            }
            else
            {
                double e = y[i];
                double t = (1 - e) / (1 + e);
                y[i] = x < 0 ? -t : t;
            }
        }
    }
}
