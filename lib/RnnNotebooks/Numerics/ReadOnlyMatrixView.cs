namespace RnnNotebooks.Numerics;

/// <summary>
/// A matrix laid over a span: element (i, j) sits at <c>[i·RowStride + j·ColStride]</c>. It names the
/// shape of every operand of <see cref="Gemm.Multiply(ReadOnlyMatrixView, ReadOnlyMatrixView, MatrixView, bool)"/>,
/// so a call reads as its formula: <c>Gemm.Multiply(dA.Transposed, h, dWhh, accumulate: true)</c> is dW_hh += dAᵀ·h.
/// </summary>
internal readonly ref struct ReadOnlyMatrixView
{
    /// <summary>The values; the view reads only the elements its shape and strides reach.</summary>
    public readonly ReadOnlySpan<double> Data;

    /// <summary>Rows and columns.</summary>
    public readonly int Rows, Cols;

    /// <summary>Distance between consecutive rows and between consecutive columns.</summary>
    public readonly int RowStride, ColStride;

    /// <summary>A view with explicit strides.</summary>
    public ReadOnlyMatrixView(ReadOnlySpan<double> data, int rows, int cols, int rowStride, int colStride)
    {
        System.Diagnostics.Debug.Assert(rows == 0 || cols == 0 || data.Length >= (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride + 1);
        Data = data;
        Rows = rows;
        Cols = cols;
        RowStride = rowStride;
        ColStride = colStride;
    }

    /// <summary>The transpose, reading the same memory.</summary>
    public ReadOnlyMatrixView Transposed => new(Data, Cols, Rows, ColStride, RowStride);

    /// <summary>Whether each row's elements are adjacent in memory.</summary>
    public bool RowsAreContiguous => ColStride == 1 || Cols == 1;
}
