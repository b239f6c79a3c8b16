using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Numerics;

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
/// vectorised nor accurate near zero, so <see cref="Tanh"/> uses <see cref="VectorMath.Tanh(System.Runtime.Intrinsics.Vector512{double})"/>,
/// the one the fused kernels use.
/// </remarks>
internal static class ActivationMath
{
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
                TanhBackward(y, dy, dz);
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

    /// <summary><paramref name="dz"/> = <paramref name="dy"/> ⊙ (1 − y²), eight at a time: the same operations in the same order as one at a time.</summary>
    // The vector loops are compiled fully optimised on first use: unoptimised, each vector operation would be a call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TanhBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dz)
    {
        int n = y.Length, i = 0;
        if (dy.Length < n || dz.Length < n) throw new ArgumentException($"Expected {n} values in dy and dz; got {dy.Length} and {dz.Length}.");
        if (Vector512.IsHardwareAccelerated)
        {
            ref double yr = ref MemoryMarshal.GetReference(y);
            ref double dyr = ref MemoryMarshal.GetReference(dy);
            ref double dzr = ref MemoryMarshal.GetReference(dz);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var yi = Vector512.LoadUnsafe(ref yr, (nuint)i);
                (Vector512.LoadUnsafe(ref dyr, (nuint)i) * (Vector512<double>.One - yi * yi)).StoreUnsafe(ref dzr, (nuint)i);
            }
        }
        for (; i < n; i++) dz[i] = dy[i] * (1.0 - y[i] * y[i]);
    }

    /// <summary>Logistic function, SIMD.</summary>
    public static void Sigmoid(ReadOnlySpan<double> z, Span<double> y) => TensorPrimitives.Sigmoid(z, y);

    /// <summary>
    /// tanh(z) = sign(z)·(1 − e)/(1 + e) with e = exp(−2|z|), and its Taylor series for small |z|,
    /// in one pass (<see cref="VectorMath.Tanh(double)"/>, which gives the vector form's bits). The spans must not overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tanh(ReadOnlySpan<double> z, Span<double> y)
    {
        int n = z.Length;
        if (y.Length < n) throw new ArgumentException($"Destination needs {n} values; got {y.Length}.", nameof(y));
        y = y[..n];
        if (z.Overlaps(y)) throw new ArgumentException("Tanh needs distinct source and destination spans.", nameof(y));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref double yr = ref MemoryMarshal.GetReference(y);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
                VectorMath.Tanh(Vector512.LoadUnsafe(ref zr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) y[i] = VectorMath.Tanh(z[i]);
    }
}
