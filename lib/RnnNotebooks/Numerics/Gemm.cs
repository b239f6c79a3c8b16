using System.Runtime.CompilerServices;

namespace RnnNotebooks.Numerics;

/// <summary>
/// Dense row-major matrix products, the one hot spot every layer funnels through.
/// <c>C = op(A) · op(B) (+ C)</c>, where <c>op(X)</c> is X or its transpose.
/// </summary>
/// <remarks>
/// Tuned for the small shapes of recurrent networks (a batch of tens of rows, a few hundred
/// columns, an inner dimension of tens). Products are computed in register tiles with
/// fused multiply-adds (<see cref="GemmKernels"/>); nothing is allocated per call. Results may
/// differ from a naive loop in the last bits, because fused multiply-adds round once, but the same
/// call on the same machine always gives the same bits.
/// </remarks>
public static class Gemm
{
    /// <summary>Products of at most this many multiply-adds run as a plain loop.</summary>
    private const int TinyProduct = 16;

    /// <summary>
    /// Computes <c>C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C if <paramref name="accumulate"/>)</c>.
    /// A is stored as <c>[m×k]</c> (or <c>[k×m]</c> when <paramref name="transposeA"/>),
    /// B as <c>[k×n]</c> (or <c>[n×k]</c> when <paramref name="transposeB"/>), all row-major and contiguous.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its shape needs, or C overlaps A or B.</exception>
    public static void Multiply(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c,
        int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long aLength = (long)m * k, bLength = (long)k * n, cLength = (long)m * n;
        if (a.Length < aLength)
            throw new ArgumentException($"A needs {(transposeA ? $"{k}×{m}" : $"{m}×{k}")} = {aLength} values; got {a.Length}.", nameof(a));
        if (b.Length < bLength)
            throw new ArgumentException($"B needs {(transposeB ? $"{n}×{k}" : $"{k}×{n}")} = {bLength} values; got {b.Length}.", nameof(b));
        if (c.Length < cLength)
            throw new ArgumentException($"C needs {m}×{n} = {cLength} values; got {c.Length}.", nameof(c));
        if (m == 0 || n == 0) return;
        var cUsed = c[..(int)cLength];
        if (cUsed.Overlaps(a[..(int)aLength]) || cUsed.Overlaps(b[..(int)bLength]))
            throw new ArgumentException("C must not share memory with A or B: it is overwritten while they are read.", nameof(c));
        var opA = transposeA ? Matrix.Of(a, k, m).Transposed : Matrix.Of(a, m, k);
        var opB = transposeB ? Matrix.Of(b, n, k).Transposed : Matrix.Of(b, k, n);
        Multiply(opA, opB, Matrix.Writable(cUsed, m, n), accumulate);
    }

    /// <summary>
    /// <c>C (+)= A · B</c> on views whose shapes the caller has already validated: <c>A</c> is
    /// <c>[m×k]</c>, <c>B</c> <c>[k×n]</c>, <c>C</c> <c>[m×n]</c>, with any strides (a transposed
    /// operand is a view with its strides swapped). C must not overlap A or B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Multiply(ReadOnlyMatrixView a, ReadOnlyMatrixView b, MatrixView c, bool accumulate)
    {
        System.Diagnostics.Debug.Assert(a.Rows == c.Rows && a.Cols == b.Rows && b.Cols == c.Cols, "shapes disagree");
        int m = c.Rows, k = a.Cols, n = c.Cols;
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Data.Slice(i * c.RowStride, n).Clear();
            return;
        }
        if ((long)m * k * n <= TinyProduct)
        {
            // A handful of multiply-adds (one-unit and one-example layers): the kernels' set-up would cost more.
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double acc = accumulate ? c.Data[i * c.RowStride + j] : 0;
                    for (int p = 0; p < k; p++)
                        acc = Math.FusedMultiplyAdd(a.Data[i * a.RowStride + p * a.ColStride], b.Data[p * b.RowStride + j * b.ColStride], acc);
                    c.Data[i * c.RowStride + j] = acc;
                }
            return;
        }
        fixed (double* pa = a.Data, pb = b.Data, pc = c.Data)
        {
            var opA = new GemmKernels.Operand(pa, a.RowStride, a.ColStride);
            var opB = new GemmKernels.Operand(pb, b.RowStride, b.ColStride);
            var opC = new GemmKernels.Output(pc, c.RowStride);
            GemmKernels.Product(opA, opB, opC, m, k, n, accumulate);
        }
    }

    /// <summary>Writes the transpose of the row-major <c>[rows×cols]</c> <paramref name="source"/> into <paramref name="destination"/> <c>[cols×rows]</c>.</summary>
    internal static unsafe void Transpose(ReadOnlySpan<double> source, int rows, int cols, Span<double> destination)
    {
        if (source.Length < rows * cols || destination.Length < rows * cols)
            throw new ArgumentException($"Transpose of {rows}×{cols} needs {rows * cols} values in source and destination.");
        if (rows == 1 || cols == 1)
        {
            source[..(rows * cols)].CopyTo(destination);   // a vector reads the same either way round
            return;
        }
        fixed (double* ps = source, pd = destination)
            GemmKernels.Transpose(ps, rows, cols, pd);
    }
}
