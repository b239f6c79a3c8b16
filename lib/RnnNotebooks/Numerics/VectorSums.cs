using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Numerics;

/// <summary>Element-wise sums into a vector that may be only a few values long.</summary>
internal static class VectorSums
{
    /// <summary>Below this length a plain loop costs less than the vectorised call's set-up (a one-unit layer, a batch of one).</summary>
    private const int ShortVector = 8;

    /// <summary><paramref name="sum"/> += <paramref name="addend"/>, element by element (the same bits either way).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto(Span<double> sum, ReadOnlySpan<double> addend)
    {
        if (sum.Length < ShortVector && addend.Length == sum.Length)
            for (int i = 0; i < sum.Length; i++) sum[i] += addend[i];
        else TensorPrimitives.Add(sum, addend, sum);
    }
}
