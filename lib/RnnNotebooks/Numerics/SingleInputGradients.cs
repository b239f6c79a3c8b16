using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Numerics;

/// <summary>
/// The gradients of a recurrent layer that involve its input when there is one input feature (a series), from one
/// pass over the pre-activation gradients <c>dA [rows, width]</c> of every step: the bias gradient
/// <c>Σ_p dA[p, :]</c>, <c>dW_ih[:, 0] += Σ_p x[p]·dA[p, :]</c> and <c>dx[p] = dA[p, :]·W_ih[:, 0]</c>.
/// </summary>
/// <remarks>
/// Each of the three uses every value of dA once, so as separate passes each is bound by the cache's bandwidth
/// (a quarter of a FLOP per byte read); here dA is read once, in strips of 32 columns. The bias and dW_ih sums
/// run down the rows in order, exactly as <see cref="ColumnSums"/> and a product would; dx is summed strip by
/// strip.
/// </remarks>
internal static class SingleInputGradients
{
    private const int Strip = 32;

    /// <summary>
    /// Writes the column sums of <paramref name="dA"/> into <paramref name="biasSum"/> (unless it is empty), adds
    /// <c>dAᵀ·x</c> into <paramref name="wIhGrad"/> and writes <c>dA·wIh</c> into <paramref name="dx"/>;
    /// <paramref name="scratch"/> holds at least <c>8·rows</c> values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<double> dA, int rows, int width, ReadOnlySpan<double> x, ReadOnlySpan<double> wIh,
        Span<double> wIhGrad, Span<double> biasSum, Span<double> dx, Span<double> scratch)
    {
        if (dA.Length < rows * width || x.Length < rows || wIh.Length < width || wIhGrad.Length < width || dx.Length < rows
            || (!biasSum.IsEmpty && biasSum.Length < width) || scratch.Length < 8 * rows)
            throw new ArgumentException($"Buffers too short for {rows} rows of {width} gradients.");
        bool bias = !biasSum.IsEmpty;
        int j = 0;
        ref double a = ref MemoryMarshal.GetReference(dA);
        ref double partial = ref MemoryMarshal.GetReference(scratch);
        if (Vector512.IsHardwareAccelerated && width >= Strip)
        {
            scratch[..(8 * rows)].Clear();
            for (; j + Strip <= width; j += Strip)
            {
                nuint u = (nuint)j;
                var zero = Vector512<double>.Zero;
                Vector512<double> b0 = zero, b1 = zero, b2 = zero, b3 = zero;
                ref double g = ref MemoryMarshal.GetReference(wIhGrad);
                Vector512<double> w0 = Vector512.LoadUnsafe(ref g, u), w1 = Vector512.LoadUnsafe(ref g, u + 8),
                    w2 = Vector512.LoadUnsafe(ref g, u + 16), w3 = Vector512.LoadUnsafe(ref g, u + 24);
                ref double wr = ref MemoryMarshal.GetReference(wIh);
                Vector512<double> v0 = Vector512.LoadUnsafe(ref wr, u), v1 = Vector512.LoadUnsafe(ref wr, u + 8),
                    v2 = Vector512.LoadUnsafe(ref wr, u + 16), v3 = Vector512.LoadUnsafe(ref wr, u + 24);
                for (int p = 0; p < rows; p++)
                {
                    nuint row = (nuint)(p * width) + u;
                    var a0 = Vector512.LoadUnsafe(ref a, row);
                    var a1 = Vector512.LoadUnsafe(ref a, row + 8);
                    var a2 = Vector512.LoadUnsafe(ref a, row + 16);
                    var a3 = Vector512.LoadUnsafe(ref a, row + 24);
                    b0 += a0; b1 += a1; b2 += a2; b3 += a3;
                    var xp = Vector512.Create(x[p]);
                    w0 = Vector512.FusedMultiplyAdd(xp, a0, w0);
                    w1 = Vector512.FusedMultiplyAdd(xp, a1, w1);
                    w2 = Vector512.FusedMultiplyAdd(xp, a2, w2);
                    w3 = Vector512.FusedMultiplyAdd(xp, a3, w3);
                    var dot = Vector512.FusedMultiplyAdd(a0, v0, a1 * v1) + Vector512.FusedMultiplyAdd(a2, v2, a3 * v3);
                    (Vector512.LoadUnsafe(ref partial, (nuint)(8 * p)) + dot).StoreUnsafe(ref partial, (nuint)(8 * p));
                }
                w0.StoreUnsafe(ref g, u); w1.StoreUnsafe(ref g, u + 8); w2.StoreUnsafe(ref g, u + 16); w3.StoreUnsafe(ref g, u + 24);
                if (bias)
                {
                    ref double s = ref MemoryMarshal.GetReference(biasSum);
                    b0.StoreUnsafe(ref s, u); b1.StoreUnsafe(ref s, u + 8); b2.StoreUnsafe(ref s, u + 16); b3.StoreUnsafe(ref s, u + 24);
                }
            }
            for (int p = 0; p < rows; p++) dx[p] = Vector512.Sum(Vector512.LoadUnsafe(ref partial, (nuint)(8 * p)));
        }
        else dx[..rows].Clear();
        // Columns past the last full strip, one at a time.
        for (; j < width; j++)
        {
            double sum = 0, grad = wIhGrad[j], w = wIh[j];
            for (int p = 0; p < rows; p++)
            {
                double v = Unsafe.Add(ref a, p * width + j);
                sum += v;
                grad = Math.FusedMultiplyAdd(x[p], v, grad);
                dx[p] = Math.FusedMultiplyAdd(v, w, dx[p]);
            }
            wIhGrad[j] = grad;
            if (bias) biasSum[j] = sum;
        }
    }
}
