using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnNotebooks.Numerics;

/// <summary>The register-tiled inner loops behind <see cref="Gemm"/>.</summary>
/// <remarks>
/// Every kernel is compiled fully optimised on first use: tier-0 code calls the vector
/// intrinsics out of line and runs tens of times slower, long enough to spoil a notebook cell.
/// </remarks>
internal static unsafe class GemmKernels
{
    /// <summary>Rows of C per register tile.</summary>
    public const int TileRows = 4;

    /// <summary>Columns of C per register tile: two 512-bit vectors.</summary>
    public const int TileCols = 16;

    [ThreadStatic] private static double[]? scratch;

    /// <summary>A pinned per-thread buffer of at least <paramref name="length"/> doubles, reused across calls.</summary>
    public static double* Scratch(int length)
    {
        if (scratch is null || scratch.Length < length)
            scratch = GC.AllocateUninitializedArray<double>(Math.Max(length, 4096), pinned: true);
        return (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(scratch));
    }

    /// <summary>
    /// Writes the transpose of the row-major <c>[rows×cols]</c> matrix <paramref name="source"/>, in 8×8 blocks so each
    /// block reads eight cache lines and writes eight, instead of one line per value written down a column. Full
    /// blocks are transposed in registers (<see cref="Transpose8x8"/>); the fused kernels transpose their weights
    /// before every forward pass, which one value at a time cost as much as a step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(double* source, int rows, int cols, double* destination)
    {
        const int Block = 8;
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            int r1 = Math.Min(r0 + Block, rows);
            for (int q0 = 0; q0 < cols; q0 += Block)
            {
                int q1 = Math.Min(q0 + Block, cols);
                if (Avx512F.IsSupported && r1 - r0 == Block && q1 - q0 == Block)
                {
                    Transpose8x8(source + (nint)r0 * cols + q0, cols, destination + (nint)q0 * rows + r0, rows);
                    continue;
                }
                for (int q = q0; q < q1; q++)
                {
                    double* column = destination + (nint)q * rows;
                    for (int r = r0; r < r1; r++) column[r] = source[(nint)r * cols + q];
                }
            }
        }
    }

    /// <summary>
    /// Transposes the 8×8 block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart) into
    /// <paramref name="destination"/> (rows <paramref name="destinationStride"/> apart): pairs of rows interleaved,
    /// then 128-bit lanes gathered twice, so each output row is one column of the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(double* source, nint sourceStride, double* destination, nint destinationStride)
    {
        // t: lane L of UnpackLow(r_i, r_i+1) holds column 2L of rows i and i + 1; UnpackHigh, column 2L + 1.
        var r0 = Avx512F.LoadVector512(source);
        var r1 = Avx512F.LoadVector512(source + sourceStride);
        var r2 = Avx512F.LoadVector512(source + 2 * sourceStride);
        var r3 = Avx512F.LoadVector512(source + 3 * sourceStride);
        var r4 = Avx512F.LoadVector512(source + 4 * sourceStride);
        var r5 = Avx512F.LoadVector512(source + 5 * sourceStride);
        var r6 = Avx512F.LoadVector512(source + 6 * sourceStride);
        var r7 = Avx512F.LoadVector512(source + 7 * sourceStride);
        var t0 = Avx512F.UnpackLow(r0, r1);
        var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3);
        var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5);
        var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7);
        var t7 = Avx512F.UnpackHigh(r6, r7);
        // 0x88 takes lanes 0 and 2 of each operand, 0xDD lanes 1 and 3.
        const byte Even = 0x88, Odd = 0xDD;
        var u0 = Avx512F.Shuffle4x128(t0, t2, Even);
        var u1 = Avx512F.Shuffle4x128(t0, t2, Odd);
        var u2 = Avx512F.Shuffle4x128(t4, t6, Even);
        var u3 = Avx512F.Shuffle4x128(t4, t6, Odd);
        var v0 = Avx512F.Shuffle4x128(t1, t3, Even);
        var v1 = Avx512F.Shuffle4x128(t1, t3, Odd);
        var v2 = Avx512F.Shuffle4x128(t5, t7, Even);
        var v3 = Avx512F.Shuffle4x128(t5, t7, Odd);
        Avx512F.Store(destination, Avx512F.Shuffle4x128(u0, u2, Even));
        Avx512F.Store(destination + destinationStride, Avx512F.Shuffle4x128(v0, v2, Even));
        Avx512F.Store(destination + 2 * destinationStride, Avx512F.Shuffle4x128(u1, u3, Even));
        Avx512F.Store(destination + 3 * destinationStride, Avx512F.Shuffle4x128(v1, v3, Even));
        Avx512F.Store(destination + 4 * destinationStride, Avx512F.Shuffle4x128(u0, u2, Odd));
        Avx512F.Store(destination + 5 * destinationStride, Avx512F.Shuffle4x128(v0, v2, Odd));
        Avx512F.Store(destination + 6 * destinationStride, Avx512F.Shuffle4x128(u1, u3, Odd));
        Avx512F.Store(destination + 7 * destinationStride, Avx512F.Shuffle4x128(v1, v3, Odd));
    }

    /// <summary>A read operand: element (i, j) at <c>Data[i·RowStride + j·ColStride]</c>.</summary>
    public readonly struct Operand(double* data, nint rowStride, nint colStride)
    {
        /// <summary>Element (0, 0).</summary>
        public readonly double* Data = data;

        /// <summary>Distance between rows, and between columns.</summary>
        public readonly nint RowStride = rowStride, ColStride = colStride;
    }

    /// <summary>The written operand: rows <see cref="RowStride"/> apart, columns adjacent.</summary>
    public readonly struct Output(double* data, nint rowStride)
    {
        /// <summary>Element (0, 0).</summary>
        public readonly double* Data = data;

        /// <summary>Distance between rows.</summary>
        public readonly nint RowStride = rowStride;
    }

    /// <summary>
    /// <c>C[m×n] (+)= A[m×k] · B[k×n]</c>, k ≥ 1: picks the kernel for the shape and layout. Products whose
    /// outputs are short dot products (B stored transposed and too few rows or columns to fill a tile) go to
    /// <see cref="DotRows"/>; one output column from a transposed A to <see cref="SumScaledRows"/>; the rest
    /// to the register tiles, with B first packed row-major when its rows are not contiguous.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Product(Operand a, Operand b, Output c, int m, int k, int n, bool accumulate)
    {
        bool aRowsContiguous = a.ColStride == 1 || k == 1;
        bool bColumnsContiguous = b.RowStride == 1 && (b.ColStride != 1 || n == 1) && k > 1;
        if (aRowsContiguous && bColumnsContiguous && (m < TileRows || n < 4))
        {
            DotRows(a.Data, a.RowStride, b.Data, b.ColStride, c, m, k, n, accumulate);
            return;
        }
        if (n == 1 && a.RowStride == 1 && c.RowStride == 1 && m > 1)
        {
            SumScaledRows(a.Data, a.ColStride, b.Data, b.RowStride, c.Data, m, k, accumulate);
            return;
        }
        if (k == 1 && (b.ColStride == 1 || n == 1) && n >= 8)
        {
            OuterProduct(a.Data, a.RowStride, b.Data, c, m, n, accumulate);
            return;
        }
        double* rowMajorB = b.Data;
        nint ldb = b.RowStride;
        if (b.ColStride != 1 && n > 1)
        {
            rowMajorB = Scratch(k * n);
            // Read B in its stored order (down its columns when it is stored transposed), write it row-major.
            if (b.RowStride == 1)
                for (int j = 0; j < n; j++)
                {
                    double* column = b.Data + j * b.ColStride;
                    for (int p = 0; p < k; p++) rowMajorB[(nint)p * n + j] = column[p];
                }
            else
                for (int p = 0; p < k; p++)
                    for (int j = 0; j < n; j++)
                        rowMajorB[(nint)p * n + j] = b.Data[p * b.RowStride + j * b.ColStride];
            ldb = n;
        }
        Tiles(a.Data, a.RowStride, a.ColStride, rowMajorB, ldb, c.Data, c.RowStride, m, k, n, accumulate);
    }

    /// <summary>
    /// <c>C[i, j] (+)= A[i, :] · B[:, j]</c> where both A's rows and B's columns are contiguous (rows of A
    /// <paramref name="lda"/> apart, columns of B <paramref name="ldbT"/> apart): matrix–vector products and
    /// one-example batches, where tiling cannot fill its registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRows(double* a, nint lda, double* b, nint ldbT, Output c, int m, int k, int n, bool accumulate)
    {
        int i = 0;
        if (n == 1 && Vector512.IsHardwareAccelerated && k >= 32)
        {
            // A matrix–vector product: four rows at a time share each load of the vector.
            for (; i + 4 <= m; i += 4)
            {
                var (d0, d1, d2, d3) = Dot4(a + i * lda, lda, b, k);
                double* c0 = c.Data + i * c.RowStride;
                nint ldc = c.RowStride;
                c0[0] = accumulate ? c0[0] + d0 : d0;
                c0[ldc] = accumulate ? c0[ldc] + d1 : d1;
                c0[2 * ldc] = accumulate ? c0[2 * ldc] + d2 : d2;
                c0[3 * ldc] = accumulate ? c0[3 * ldc] + d3 : d3;
            }
        }
        for (; i < m; i++)
        {
            double* aRow = a + i * lda;
            double* cRow = c.Data + i * c.RowStride;
            for (int j = 0; j < n; j++)
            {
                double dot = Dot(aRow, b + j * ldbT, k);
                cRow[j] = accumulate ? cRow[j] + dot : dot;
            }
        }
    }

    /// <summary>
    /// <see cref="Dot"/> of four rows <paramref name="lda"/> apart with one vector <paramref name="y"/>, each row summed
    /// in exactly <see cref="Dot"/>'s order (so the bits do not depend on which rows were grouped), the vector loaded once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double, double, double, double) Dot4(double* x, nint lda, double* y, int length)
    {
        double* x1 = x + lda, x2 = x1 + lda, x3 = x2 + lda;
        var zero = Vector512<double>.Zero;
        Vector512<double> a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
        Vector512<double> c0 = zero, c1 = zero, c2 = zero, c3 = zero, d0 = zero, d1 = zero, d2 = zero, d3 = zero;
        int p = 0;
        for (; p + 32 <= length; p += 32)
        {
            var y0 = Vector512.Load(y + p);
            var y1 = Vector512.Load(y + p + 8);
            var y2 = Vector512.Load(y + p + 16);
            var y3 = Vector512.Load(y + p + 24);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), y0, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 8), y1, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 16), y2, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 24), y3, a3);
            b0 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + p), y0, b0);
            b1 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + p + 8), y1, b1);
            b2 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + p + 16), y2, b2);
            b3 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + p + 24), y3, b3);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + p), y0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + p + 8), y1, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + p + 16), y2, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + p + 24), y3, c3);
            d0 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + p), y0, d0);
            d1 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + p + 8), y1, d1);
            d2 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + p + 16), y2, d2);
            d3 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + p + 24), y3, d3);
        }
        for (; p + 8 <= length; p += 8)
        {
            var y0 = Vector512.Load(y + p);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), y0, a0);
            b0 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + p), y0, b0);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + p), y0, c0);
            d0 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + p), y0, d0);
        }
        return (DotTail(x, y, p, length, Vector512.Sum((a0 + a1) + (a2 + a3))),
            DotTail(x1, y, p, length, Vector512.Sum((b0 + b1) + (b2 + b3))),
            DotTail(x2, y, p, length, Vector512.Sum((c0 + c1) + (c2 + c3))),
            DotTail(x3, y, p, length, Vector512.Sum((d0 + d1) + (d2 + d3))));
    }

    /// <summary>
    /// <c>c[0..m] (+)= Σ_p weights[p·weightStride] · rows[p·rowStride + 0..m]</c>: one output column from a
    /// transposed A, whose stored rows are contiguous. Thirty-two outputs at a time stay in four registers for
    /// the whole sum, so the k updates are four independent chains instead of a round trip through memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumScaledRows(double* rows, nint rowStride, double* weights, nint weightStride, double* c, int m, int k, bool accumulate)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // A hundred and twenty-eight outputs (an LSTM's four gates of 32) in sixteen registers: each stored row is read
            // whole, in order, in one pass over A, where narrower strips would stride down it once per strip.
            for (; i + 128 <= m; i += 128)
            {
                Vector512<double> c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, cA, cB, cC, cD, cE, cF;
                if (accumulate)
                {
                    c0 = Vector512.Load(c + i); c1 = Vector512.Load(c + i + 8); c2 = Vector512.Load(c + i + 16); c3 = Vector512.Load(c + i + 24);
                    c4 = Vector512.Load(c + i + 32); c5 = Vector512.Load(c + i + 40); c6 = Vector512.Load(c + i + 48); c7 = Vector512.Load(c + i + 56);
                    c8 = Vector512.Load(c + i + 64); c9 = Vector512.Load(c + i + 72); cA = Vector512.Load(c + i + 80); cB = Vector512.Load(c + i + 88);
                    cC = Vector512.Load(c + i + 96); cD = Vector512.Load(c + i + 104); cE = Vector512.Load(c + i + 112); cF = Vector512.Load(c + i + 120);
                }
                else c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = c9 = cA = cB = cC = cD = cE = cF = Vector512<double>.Zero;
                double* row = rows + i;
                for (int p = 0; p < k; p++, row += rowStride)
                {
                    var w = Vector512.Create(weights[p * weightStride]);
                    c0 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row), c0);
                    c1 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 8), c1);
                    c2 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 16), c2);
                    c3 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 24), c3);
                    c4 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 32), c4);
                    c5 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 40), c5);
                    c6 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 48), c6);
                    c7 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 56), c7);
                    c8 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 64), c8);
                    c9 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 72), c9);
                    cA = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 80), cA);
                    cB = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 88), cB);
                    cC = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 96), cC);
                    cD = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 104), cD);
                    cE = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 112), cE);
                    cF = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 120), cF);
                }
                c0.Store(c + i); c1.Store(c + i + 8); c2.Store(c + i + 16); c3.Store(c + i + 24);
                c4.Store(c + i + 32); c5.Store(c + i + 40); c6.Store(c + i + 48); c7.Store(c + i + 56);
                c8.Store(c + i + 64); c9.Store(c + i + 72); cA.Store(c + i + 80); cB.Store(c + i + 88);
                cC.Store(c + i + 96); cD.Store(c + i + 104); cE.Store(c + i + 112); cF.Store(c + i + 120);
            }
            // Sixty-four outputs in eight registers where they fit: more chains, and one broadcast per eight loads.
            for (; i + 64 <= m; i += 64)
            {
                Vector512<double> c0, c1, c2, c3, c4, c5, c6, c7;
                if (accumulate)
                {
                    c0 = Vector512.Load(c + i); c1 = Vector512.Load(c + i + 8);
                    c2 = Vector512.Load(c + i + 16); c3 = Vector512.Load(c + i + 24);
                    c4 = Vector512.Load(c + i + 32); c5 = Vector512.Load(c + i + 40);
                    c6 = Vector512.Load(c + i + 48); c7 = Vector512.Load(c + i + 56);
                }
                else c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512<double>.Zero;
                double* row = rows + i;
                for (int p = 0; p < k; p++, row += rowStride)
                {
                    var w = Vector512.Create(weights[p * weightStride]);
                    c0 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row), c0);
                    c1 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 8), c1);
                    c2 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 16), c2);
                    c3 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 24), c3);
                    c4 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 32), c4);
                    c5 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 40), c5);
                    c6 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 48), c6);
                    c7 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 56), c7);
                }
                c0.Store(c + i); c1.Store(c + i + 8); c2.Store(c + i + 16); c3.Store(c + i + 24);
                c4.Store(c + i + 32); c5.Store(c + i + 40); c6.Store(c + i + 48); c7.Store(c + i + 56);
            }
            for (; i + 32 <= m; i += 32)
            {
                Vector512<double> c0, c1, c2, c3;
                if (accumulate)
                {
                    c0 = Vector512.Load(c + i); c1 = Vector512.Load(c + i + 8);
                    c2 = Vector512.Load(c + i + 16); c3 = Vector512.Load(c + i + 24);
                }
                else c0 = c1 = c2 = c3 = Vector512<double>.Zero;
                double* row = rows + i;
                for (int p = 0; p < k; p++, row += rowStride)
                {
                    var w = Vector512.Create(weights[p * weightStride]);
                    c0 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row), c0);
                    c1 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 8), c1);
                    c2 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 16), c2);
                    c3 = Vector512.FusedMultiplyAdd(w, Vector512.Load(row + 24), c3);
                }
                c0.Store(c + i); c1.Store(c + i + 8); c2.Store(c + i + 16); c3.Store(c + i + 24);
            }
            for (; i + 8 <= m; i += 8)
            {
                var acc = accumulate ? Vector512.Load(c + i) : Vector512<double>.Zero;
                double* row = rows + i;
                for (int p = 0; p < k; p++, row += rowStride)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(weights[p * weightStride]), Vector512.Load(row), acc);
                acc.Store(c + i);
            }
        }
        for (; i < m; i++)
        {
            double acc = accumulate ? c[i] : 0;
            for (int p = 0; p < k; p++) acc = Math.FusedMultiplyAdd(weights[p * weightStride], rows[p * rowStride + i], acc);
            c[i] = acc;
        }
    }

    /// <summary><c>C[i, :] (+)= a[i] · b[0, :]</c>: a product with k = 1, every row of C a scaled copy of B's one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OuterProduct(double* a, nint lda, double* b, Output c, int m, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            double ai = a[i * lda];
            double* cRow = c.Data + i * c.RowStride;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var x = Vector512.Create(ai);
                if (accumulate)
                    for (; j + 8 <= n; j += 8) Vector512.FusedMultiplyAdd(x, Vector512.Load(b + j), Vector512.Load(cRow + j)).Store(cRow + j);
                else
                    for (; j + 8 <= n; j += 8) (x * Vector512.Load(b + j)).Store(cRow + j);
            }
            for (; j < n; j++) cRow[j] = accumulate ? Math.FusedMultiplyAdd(ai, b[j], cRow[j]) : ai * b[j];
        }
    }

    /// <summary>x · y over <paramref name="length"/> values: four vector chains, so the sum is not one long wait on each multiply-add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(double* x, double* y, int length)
    {
        int p = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && length >= 8)
        {
            Vector512<double> acc0 = Vector512<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (; p + 32 <= length; p += 32)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Vector512.Load(y + p), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 8), Vector512.Load(y + p + 8), acc1);
                acc2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 16), Vector512.Load(y + p + 16), acc2);
                acc3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 24), Vector512.Load(y + p + 24), acc3);
            }
            for (; p + 8 <= length; p += 8)
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Vector512.Load(y + p), acc0);
            sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        }
        return DotTail(x, y, p, length, sum);
    }

    /// <summary>The end of <see cref="Dot"/>: adds to <paramref name="sum"/> the values from <paramref name="p"/> on, four then one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DotTail(double* x, double* y, int p, int length, double sum)
    {
        if (Vector256.IsHardwareAccelerated && p + 4 <= length)
        {
            var acc = Vector256<double>.Zero;
            for (; p + 4 <= length; p += 4)
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + p), Vector256.Load(y + p), acc);
            sum += Vector256.Sum(acc);
        }
        for (; p < length; p++)
            sum = Math.FusedMultiplyAdd(x[p], y[p], sum);
        return sum;
    }

    /// <summary>
    /// <c>C[m×n] (+)= A · B</c> with <c>A[i, p] = a[i·rowStride + p·colStride]</c> (a transposed A is read in
    /// place), B's rows <paramref name="ldb"/> apart and C's <paramref name="ldc"/> apart, columns adjacent in
    /// both. Full tiles go to the vector kernel; edges to <see cref="Edge"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tiles(double* a, nint rowStride, nint colStride, double* b, nint ldb, double* c, nint ldc,
        int m, int k, int n, bool accumulate)
    {
        int fullCols = Vector512.IsHardwareAccelerated ? n - n % TileCols : 0;
        int fullRows = m - m % TileRows;
        // Column panels outermost: one k×16 panel of B stays in L1 while every row tile passes over it.
        for (int j = 0; j < fullCols; j += TileCols)
        {
            int i = 0;
            for (; i + 2 * TileRows <= fullRows; i += 2 * TileRows)
                Tile8x16(a + i * rowStride, rowStride, colStride, b + j, ldb, c + i * ldc + j, ldc, k, accumulate);
            for (; i < fullRows; i += TileRows)
                Tile4x16(a + i * rowStride, rowStride, colStride, b + j, ldb, c + i * ldc + j, ldc, k, accumulate);
        }
        if (fullCols < n && fullRows > 0)
            Edge(a, rowStride, colStride, b, ldb, c, ldc, fullRows, k, n, fullCols, accumulate);
        if (fullRows < m)
            Edge(a + fullRows * rowStride, rowStride, colStride, b, ldb, c + fullRows * ldc, ldc, m - fullRows, k, n, 0, accumulate);
    }

    /// <summary>
    /// One 8×16 tile of C held in sixteen 512-bit registers for the whole k loop: each pair of B loads feeds sixteen
    /// multiply-adds. Every element is summed in the same order as in <see cref="Tile4x16"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x16(double* a, nint rowStride, nint colStride, double* b, nint ldb, double* c, nint ldc, int k, bool accumulate)
    {
        Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        double* r0 = c, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        if (accumulate)
        {
            c00 = Vector512.Load(r0); c01 = Vector512.Load(r0 + 8); c10 = Vector512.Load(r1); c11 = Vector512.Load(r1 + 8);
            c20 = Vector512.Load(r2); c21 = Vector512.Load(r2 + 8); c30 = Vector512.Load(r3); c31 = Vector512.Load(r3 + 8);
            c40 = Vector512.Load(r4); c41 = Vector512.Load(r4 + 8); c50 = Vector512.Load(r5); c51 = Vector512.Load(r5 + 8);
            c60 = Vector512.Load(r6); c61 = Vector512.Load(r6 + 8); c70 = Vector512.Load(r7); c71 = Vector512.Load(r7 + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<double>.Zero;
        }

        double* a0 = a;
        nint s1 = rowStride, s2 = 2 * rowStride, s3 = 3 * rowStride, s4 = 4 * rowStride, s5 = 5 * rowStride, s6 = 6 * rowStride, s7 = 7 * rowStride;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 8);
            b += ldb;
            var x = Vector512.Create(a0[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a0[s1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a0[s2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a0[s3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a0[s4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a0[s5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a0[s6]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a0[s7]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a0 += colStride;
        }

        c00.Store(r0); c01.Store(r0 + 8); c10.Store(r1); c11.Store(r1 + 8);
        c20.Store(r2); c21.Store(r2 + 8); c30.Store(r3); c31.Store(r3 + 8);
        c40.Store(r4); c41.Store(r4 + 8); c50.Store(r5); c51.Store(r5 + 8);
        c60.Store(r6); c61.Store(r6 + 8); c70.Store(r7); c71.Store(r7 + 8);
    }

    /// <summary>One 4×16 tile of C held in eight 512-bit registers for the whole k loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x16(double* a, nint rowStride, nint colStride, double* b, nint ldb, double* c, nint ldc, int k, bool accumulate)
    {
        Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31;
        double* c0 = c, c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (accumulate)
        {
            c00 = Vector512.Load(c0); c01 = Vector512.Load(c0 + 8);
            c10 = Vector512.Load(c1); c11 = Vector512.Load(c1 + 8);
            c20 = Vector512.Load(c2); c21 = Vector512.Load(c2 + 8);
            c30 = Vector512.Load(c3); c31 = Vector512.Load(c3 + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<double>.Zero;
        }

        double* a0 = a, a1 = a + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 8);
            b += ldb;

            var x = Vector512.Create(*a0);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(*a1);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(*a2);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(*a3);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            a0 += colStride; a1 += colStride; a2 += colStride; a3 += colStride;
        }

        c00.Store(c0); c01.Store(c0 + 8);
        c10.Store(c1); c11.Store(c1 + 8);
        c20.Store(c2); c21.Store(c2 + 8);
        c30.Store(c3); c31.Store(c3 + 8);
    }

    /// <summary>
    /// Rows <c>0..rows</c>, columns <c>firstCol..n</c> of the product, one row at a time in the widest
    /// vector that fits: tile remainders, single-row batches, and machines without 512-bit vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Edge(double* a, nint rowStride, nint colStride, double* b, nint ldb, double* c, nint ldc,
        int rows, int k, int n, int firstCol, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            double* aRow = a + r * rowStride;
            double* cRow = c + r * ldc;
            int j = firstCol;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j + 16 <= n; j += 16)
                {
                    var lo = accumulate ? Vector512.Load(cRow + j) : Vector512<double>.Zero;
                    var hi = accumulate ? Vector512.Load(cRow + j + 8) : Vector512<double>.Zero;
                    // A second pair of accumulators for odd p: a lone row is latency-bound on the FMA chain.
                    var lo2 = Vector512<double>.Zero;
                    var hi2 = Vector512<double>.Zero;
                    double* ap = aRow, bp = b + j;
                    int p = 0;
                    for (; p + 2 <= k; p += 2, ap += 2 * colStride, bp += 2 * ldb)
                    {
                        var x = Vector512.Create(*ap);
                        lo = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp), lo);
                        hi = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 8), hi);
                        var y = Vector512.Create(ap[colStride]);
                        lo2 = Vector512.FusedMultiplyAdd(y, Vector512.Load(bp + ldb), lo2);
                        hi2 = Vector512.FusedMultiplyAdd(y, Vector512.Load(bp + ldb + 8), hi2);
                    }
                    if (p < k)
                    {
                        var x = Vector512.Create(*ap);
                        lo = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp), lo);
                        hi = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 8), hi);
                    }
                    (lo + lo2).Store(cRow + j);
                    (hi + hi2).Store(cRow + j + 8);
                }
                for (; j + 8 <= n; j += 8)
                {
                    var acc = accumulate ? Vector512.Load(cRow + j) : Vector512<double>.Zero;
                    double* ap = aRow, bp = b + j;
                    for (int p = 0; p < k; p++, ap += colStride, bp += ldb)
                        acc = Vector512.FusedMultiplyAdd(Vector512.Create(*ap), Vector512.Load(bp), acc);
                    acc.Store(cRow + j);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j + 4 <= n; j += 4)
                {
                    var acc = accumulate ? Vector256.Load(cRow + j) : Vector256<double>.Zero;
                    double* ap = aRow, bp = b + j;
                    for (int p = 0; p < k; p++, ap += colStride, bp += ldb)
                        acc = Vector256.FusedMultiplyAdd(Vector256.Create(*ap), Vector256.Load(bp), acc);
                    acc.Store(cRow + j);
                }
            }
            // Remaining columns two at a time: two independent FMA chains instead of one.
            for (; j + 2 <= n; j += 2)
            {
                double acc0 = accumulate ? cRow[j] : 0, acc1 = accumulate ? cRow[j + 1] : 0;
                double* ap = aRow, bp = b + j;
                for (int p = 0; p < k; p++, ap += colStride, bp += ldb)
                {
                    acc0 = Math.FusedMultiplyAdd(*ap, bp[0], acc0);
                    acc1 = Math.FusedMultiplyAdd(*ap, bp[1], acc1);
                }
                cRow[j] = acc0;
                cRow[j + 1] = acc1;
            }
            for (; j < n; j++)
            {
                double acc = accumulate ? cRow[j] : 0;
                double* ap = aRow, bp = b + j;
                for (int p = 0; p < k; p++, ap += colStride, bp += ldb)
                    acc = Math.FusedMultiplyAdd(*ap, *bp, acc);
                cRow[j] = acc;
            }
        }
    }
}
