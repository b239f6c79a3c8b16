namespace RnnNotebooks.Numerics;

/// <summary>Builds <see cref="MatrixView"/>s and <see cref="ReadOnlyMatrixView"/>s over row-major data.</summary>
internal static class Matrix
{
    /// <summary><paramref name="rows"/> × <paramref name="cols"/>, row-major and packed.</summary>
    public static ReadOnlyMatrixView Of(ReadOnlySpan<double> data, int rows, int cols) => new(data, rows, cols, cols, 1);

    /// <summary><paramref name="rows"/> × <paramref name="cols"/>, rows <paramref name="rowStride"/> apart (a column block of a wider matrix).</summary>
    public static ReadOnlyMatrixView Of(ReadOnlySpan<double> data, int rows, int cols, int rowStride) => new(data, rows, cols, rowStride, 1);

    /// <summary>A writable <paramref name="rows"/> × <paramref name="cols"/>, row-major and packed.</summary>
    public static MatrixView Writable(Span<double> data, int rows, int cols) => new(data, rows, cols, cols);

    /// <summary>A writable <paramref name="rows"/> × <paramref name="cols"/>, rows <paramref name="rowStride"/> apart.</summary>
    public static MatrixView Writable(Span<double> data, int rows, int cols, int rowStride) => new(data, rows, cols, rowStride);
}
