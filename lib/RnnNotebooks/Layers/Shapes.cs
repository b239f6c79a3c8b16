namespace RnnNotebooks.Layers;

/// <summary>Shape comparisons and cached shape arrays for per-batch checks that must not allocate.</summary>
internal static class Shapes
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have the same dimensions.</summary>
    public static bool Equal(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    /// <summary>Whether <paramref name="shape"/> is <paramref name="full"/> without its last dimension.</summary>
    public static bool EqualsLeading(IReadOnlyList<int> shape, IReadOnlyList<int> full)
    {
        if (shape.Count != full.Count - 1) return false;
        for (int i = 0; i < shape.Count; i++)
            if (shape[i] != full[i]) return false;
        return true;
    }

    /// <summary>An array holding <paramref name="shape"/>: <paramref name="cache"/> when it already does, else a new one stored there.</summary>
    public static int[] Cached(ref int[]? cache, IReadOnlyList<int> shape)
    {
        if (cache is null || !Equal(cache, shape)) cache = [.. shape];
        return cache;
    }

    /// <summary>
    /// An array holding <paramref name="shape"/>: <paramref name="cache"/> when it already does, else a new one stored there
    /// (only then: storing a reference costs a write barrier even when it is unchanged).
    /// </summary>
    public static int[] Cached(ref int[]? cache, ReadOnlySpan<int> shape)
    {
        if (cache is null || !shape.SequenceEqual(cache)) cache = shape.ToArray();
        return cache;
    }

    /// <summary>An array holding <c>[a, b]</c>: <paramref name="cache"/> when it already does, else a new one stored there.</summary>
    public static int[] Cached(ref int[]? cache, int a, int b)
    {
        if (cache is not [var x, var y] || x != a || y != b) cache = [a, b];
        return cache;
    }

    /// <summary>An array holding <c>[a, b, c]</c>: <paramref name="cache"/> when it already does, else a new one stored there.</summary>
    public static int[] Cached(ref int[]? cache, int a, int b, int c)
    {
        if (cache is not [var x, var y, var z] || x != a || y != b || z != c) cache = [a, b, c];
        return cache;
    }

    /// <summary>
    /// <paramref name="buffer"/> when it holds at least <paramref name="length"/> values, else a new array stored
    /// there: grown, never shrunk, so alternating batch sizes do not reallocate.
    /// </summary>
    public static double[] AtLeast(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }
}
