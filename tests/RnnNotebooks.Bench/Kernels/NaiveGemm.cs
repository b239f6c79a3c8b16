namespace RnnNotebooks.Bench.Kernels;

/// <summary>The straightforward product the library started from, kept as the baseline to beat.</summary>
public static class NaiveGemm
{
    /// <summary>Same contract as <c>Gemm.Multiply</c>.</summary>
    public static void Multiply(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c,
        int m, int k, int n, bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
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
