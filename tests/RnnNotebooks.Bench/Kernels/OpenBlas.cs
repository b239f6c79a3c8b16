using System.Runtime.InteropServices;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>
/// Debian's OpenBLAS (<c>libopenblas0</c>), loaded when present, to show where the library's own kernels stand against a
/// real BLAS. Run on one thread, like the library's products.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm;

    static OpenBlas()
    {
        if (!NativeLibrary.TryLoad("libopenblas.so.0", out var handle)) return;
        Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemm");
        var setThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(handle, "openblas_set_num_threads");
        setThreads(1);
        var coreName = (delegate* unmanaged<sbyte*>)NativeLibrary.GetExport(handle, "openblas_get_corename");
        Core = new string(coreName());
    }

    /// <summary>Whether the library was found.</summary>
    public static bool Available => Dgemm != null;

    /// <summary>The kernel set OpenBLAS chose for this CPU.</summary>
    public static string? Core { get; }

    /// <summary><c>C = op(A)·op(B) (+ C)</c>, row-major, with leading dimensions.</summary>
    public static void Multiply(double[] a, int lda, double[] b, int ldb, double[] c, int ldc, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate)
    {
        fixed (double* pa = a, pb = b, pc = c)
            Dgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1.0, pa, lda, pb, ldb,
                accumulate ? 1.0 : 0.0, pc, ldc);
    }
}
