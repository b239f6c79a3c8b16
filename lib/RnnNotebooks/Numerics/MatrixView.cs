namespace RnnNotebooks.Numerics;

/// <summary>A writable <see cref="ReadOnlyMatrixView"/>: the output of a product.</summary>
internal readonly ref struct MatrixView
{
    /// <summary>The values.</summary>
    public readonly Span<double> Data;

    /// <summary>Rows and columns.</summary>
    public readonly int Rows, Cols;

    /// <summary>Distance between consecutive rows; columns are adjacent.</summary>
    public readonly int RowStride;

    /// <summary>A view of <paramref name="rows"/> rows of <paramref name="cols"/> adjacent values, <paramref name="rowStride"/> apart.</summary>
    public MatrixView(Span<double> data, int rows, int cols, int rowStride)
    {
        System.Diagnostics.Debug.Assert(rows == 0 || cols == 0 || data.Length >= (long)(rows - 1) * rowStride + cols);
        Data = data;
        Rows = rows;
        Cols = cols;
        RowStride = rowStride;
    }

    /// <summary>The same matrix, read-only.</summary>
    public static implicit operator ReadOnlyMatrixView(MatrixView m) => new(m.Data, m.Rows, m.Cols, m.RowStride, 1);
}
