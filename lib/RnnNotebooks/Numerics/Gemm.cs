namespace RnnNotebooks.Numerics;

/// <summary>
/// Dense row-major matrix products, the one hot spot every layer funnels through.
/// <c>C = alpha · op(A) · op(B) + beta · C</c>, where <c>op(X)</c> is X or its transpose.
/// </summary>
public static class Gemm
{
    /// <summary>
    /// Computes <c>C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C if <paramref name="accumulate"/>)</c>.
    /// A is stored as <c>[m×k]</c> (or <c>[k×m]</c> when <paramref name="transposeA"/>),
    /// B as <c>[k×n]</c> (or <c>[n×k]</c> when <paramref name="transposeB"/>), all row-major and contiguous.
    /// </summary>
    public static void Multiply(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c,
        int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        if (a.Length < m * k) throw new ArgumentException($"A needs {m}×{k} = {m * k} values; got {a.Length}.", nameof(a));
        if (b.Length < k * n) throw new ArgumentException($"B needs {k}×{n} = {k * n} values; got {b.Length}.", nameof(b));
        if (c.Length < m * n) throw new ArgumentException($"C needs {m}×{n} = {m * n} values; got {c.Length}.", nameof(c));
        if (!accumulate) c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                double aip = transposeA ? a[p * m + i] : a[i * k + p];
                if (aip == 0) continue;
                for (int j = 0; j < n; j++)
                    c[i * n + j] += aip * (transposeB ? b[j * k + p] : b[p * n + j]);
            }
        }
    }
}
