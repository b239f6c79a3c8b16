using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Numerics;

/// <summary>Column sums of a row-major block: the bias gradient of a batch of pre-activation gradients.</summary>
internal static class ColumnSums
{
    /// <summary>Writes the column sums of <paramref name="rows"/> <c>[count, width]</c> into <paramref name="sum"/>: eight columns at a time down all rows, in a register.</summary>
    public static void Write(ReadOnlySpan<double> rows, int count, int width, Span<double> sum)
    {
        int j = 0;
        ref double r0 = ref MemoryMarshal.GetReference(rows);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= width - 8; j += 8)
            {
                var acc = Vector512<double>.Zero;
                for (int r = 0; r < count; r++)
                    acc += Vector512.LoadUnsafe(ref r0, (nuint)(r * width + j));
                acc.CopyTo(sum.Slice(j, 8));
            }
        }
        for (; j < width; j++)
        {
            double acc = 0;
            for (int r = 0; r < count; r++) acc += rows[r * width + j];
            sum[j] = acc;
        }
    }
}
