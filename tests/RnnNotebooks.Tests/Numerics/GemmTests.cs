using RnnNotebooks.Numerics;

namespace RnnNotebooks.Tests.Numerics;

public class GemmTests
{
    private const double Tolerance = 1e-12;

    /// <summary>The textbook triple loop, indexing op(A) and op(B) straight from their storage.</summary>
    private static double[] Reference(double[] a, double[] b, double[] c0, int m, int k, int n, bool ta, bool tb, bool accumulate)
    {
        var c = accumulate ? (double[])c0.Clone() : new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                    c[i * n + j] += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        return c;
    }

    /// <summary>Σ|a||b| (+|c0|) per entry: the scale a rounding error in that entry is relative to.</summary>
    private static double[] Magnitude(double[] a, double[] b, double[] c0, int m, int k, int n, bool ta, bool tb, bool accumulate)
    {
        var abs = (double[] x) => x.Select(Math.Abs).ToArray();
        return Reference(abs(a), abs(b), abs(c0), m, k, n, ta, tb, accumulate);
    }

    private static double[] RandomArray(System.Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static void AssertMatchesReference(System.Random random, int m, int k, int n, bool ta, bool tb, bool accumulate)
    {
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var c0 = RandomArray(random, m * n);
        var expected = Reference(a, b, c0, m, k, n, ta, tb, accumulate);
        var scale = Magnitude(a, b, c0, m, k, n, ta, tb, accumulate);

        var c = (double[])c0.Clone();
        Gemm.Multiply(a, b, c, m, k, n, ta, tb, accumulate);

        for (int e = 0; e < m * n; e++)
        {
            double error = Math.Abs(c[e] - expected[e]);
            Assert.True(error <= Tolerance * Math.Max(scale[e], 1e-300),
                $"m={m} k={k} n={n} transposeA={ta} transposeB={tb} accumulate={accumulate}: " +
                $"C[{e / n},{e % n}] = {c[e]:R}, expected {expected[e]:R}");
        }
    }

    public static TheoryData<int, int, int> RecurrentShapes() => new()
    {
        { 32, 1, 128 },   // x·W_ihᵀ, LSTM(32), batch 32
        { 32, 32, 128 },  // h·W_hhᵀ
        { 128, 32, 32 },  // dW_hh += dGatesᵀ·h
        { 128, 32, 1 },   // dW_ih += dGatesᵀ·x
        { 32, 128, 32 },  // dh = dGates·W_hh
        { 32, 32, 1 },    // Dense(1) forward
        { 1, 32, 32 },    // Dense(1) weight gradient
        { 1, 2, 16 },     // binary addition: x·W_xhᵀ, hidden 16
        { 1, 16, 16 },    // h·W_hhᵀ
        { 1, 16, 2 },     // output layer
        { 16, 1, 16 },    // outer-product weight gradient
        { 2, 1, 16 },
        { 1, 1, 1 },
        { 200, 20, 1 },   // one column from a transposed A past 128 outputs: strips of 128, 64 and 8, then single values
    };

    [Theory]
    [MemberData(nameof(RecurrentShapes))]
    public void Matches_the_textbook_loop_on_recurrent_shapes_for_every_transpose_and_accumulate(int m, int k, int n)
    {
        var random = new System.Random(m * 10_007 + k * 101 + n);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    AssertMatchesReference(random, m, k, n, ta, tb, accumulate);
    }

    /// <summary>Every strip width sums each output as one multiply-add chain in the order of k, so the bits do not depend on m.</summary>
    [Theory]
    [InlineData(128)]
    [InlineData(200)]
    public void One_column_from_a_transposed_A_is_each_outputs_chain_in_order(int m)
    {
        const int k = 37;
        var random = new System.Random(m);
        var stored = RandomArray(random, k * m);   // A stored [k×m], used transposed
        var x = RandomArray(random, k);
        var c = RandomArray(random, m);
        var expected = (double[])c.Clone();
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) expected[i] = Math.FusedMultiplyAdd(x[p], stored[p * m + i], expected[i]);
        Gemm.Multiply(stored, x, c, m, k, 1, transposeA: true, accumulate: true);
        Assert.Equal(expected, c);
    }

    [Fact]
    public void Matches_the_textbook_loop_on_many_random_shapes()
    {
        var random = new System.Random(20240607);
        int[] sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 47, 64, 65];
        for (int trial = 0; trial < 400; trial++)
        {
            int m = sizes[random.Next(sizes.Length)];
            int k = sizes[random.Next(sizes.Length)];
            int n = sizes[random.Next(sizes.Length)];
            AssertMatchesReference(random, m, k, n, random.Next(2) == 1, random.Next(2) == 1, random.Next(2) == 1);
        }
    }

    [Fact]
    public void Views_with_row_strides_and_transposes_read_and_write_only_their_elements()
    {
        // Operands embedded in wider rows (an LSTM's h inside its [h, c] state rows), transposed views, k = 1 and n = 1.
        var random = new System.Random(11);
        int[] sizes = [1, 2, 5, 8, 16, 17, 32, 33];
        for (int trial = 0; trial < 300; trial++)
        {
            int m = sizes[random.Next(sizes.Length)], k = sizes[random.Next(sizes.Length)], n = sizes[random.Next(sizes.Length)];
            bool ta = random.Next(2) == 1, tb = random.Next(2) == 1, accumulate = random.Next(2) == 1;
            int padA = random.Next(3), padB = random.Next(3), padC = random.Next(3);
            var a = RandomArray(random, m * k);
            var b = RandomArray(random, k * n);
            var c0 = RandomArray(random, m * n);
            var expected = Reference(a, b, c0, m, k, n, ta, tb, accumulate);
            var scale = Magnitude(a, b, c0, m, k, n, ta, tb, accumulate);

            (int rows, int cols) storedA = ta ? (k, m) : (m, k), storedB = tb ? (n, k) : (k, n);
            var wideA = Widen(a, storedA.rows, storedA.cols, padA, random);
            var wideB = Widen(b, storedB.rows, storedB.cols, padB, random);
            var wideC = Widen(c0, m, n, padC, random);
            var untouched = (double[])wideC.Clone();
            var viewA = Matrix.Of(wideA, storedA.rows, storedA.cols, storedA.cols + padA);
            var viewB = Matrix.Of(wideB, storedB.rows, storedB.cols, storedB.cols + padB);
            Gemm.Multiply(ta ? viewA.Transposed : viewA, tb ? viewB.Transposed : viewB, Matrix.Writable(wideC, m, n, n + padC), accumulate);

            for (int i = 0; i < m; i++)
                for (int j = 0; j < n + padC; j++)
                {
                    double value = wideC[i * (n + padC) + j];
                    if (j >= n)
                    {
                        Assert.Equal(untouched[i * (n + padC) + j], value);
                        continue;
                    }
                    double error = Math.Abs(value - expected[i * n + j]);
                    Assert.True(error <= Tolerance * Math.Max(scale[i * n + j], 1e-300),
                        $"m={m} k={k} n={n} ta={ta} tb={tb} accumulate={accumulate} pads={padA},{padB},{padC}: C[{i},{j}] = {value:R}, expected {expected[i * n + j]:R}");
                }
        }
    }

    /// <summary>The row-major <paramref name="rows"/> × <paramref name="cols"/> matrix with <paramref name="pad"/> random values after each row.</summary>
    private static double[] Widen(double[] matrix, int rows, int cols, int pad, System.Random random)
    {
        var wide = RandomArray(random, rows * (cols + pad));
        for (int r = 0; r < rows; r++) Array.Copy(matrix, r * cols, wide, r * (cols + pad), cols);
        return wide;
    }

    [Fact]
    public void An_empty_inner_dimension_clears_or_keeps_C()
    {
        double[] c = [1, 2, 3, 4];
        Gemm.Multiply([], [], c, 2, 0, 2, accumulate: true);
        Assert.Equal([1, 2, 3, 4], c);
        Gemm.Multiply([], [], c, 2, 0, 2);
        Assert.Equal([0, 0, 0, 0], c);
    }

    [Fact]
    public void Values_beyond_the_shapes_are_ignored()
    {
        double[] a = [1, 2, 99];
        double[] b = [3, 4, 99];
        double[] c = [0, 7];
        Gemm.Multiply(a, b, c, 1, 2, 1);
        Assert.Equal([11, 7], c);
    }

    [Fact]
    public void Threads_do_not_share_scratch_space()
    {
        // Transposed B goes through a per-thread buffer; concurrent calls of different sizes must not mix.
        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var random = new System.Random(t);
            int m = 8 + t % 5, k = 5 + t % 7, n = 16 + t % 9;
            var a = RandomArray(random, m * k);
            var b = RandomArray(random, n * k);
            var expected = Reference(a, b, [], m, k, n, false, true, false);
            var c = new double[m * n];
            for (int repeat = 0; repeat < 50; repeat++)
            {
                Gemm.Multiply(a, b, c, m, k, n, transposeB: true);
                for (int e = 0; e < c.Length; e++)
                    if (Math.Abs(c[e] - expected[e]) > 1e-12 * k) Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Short_operands_are_rejected_with_the_expected_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[5], new double[6], new double[4], 2, 3, 2, transposeA: true));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("3×2 = 6 values; got 5", error.Message);

        error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[6], new double[5], new double[4], 2, 3, 2, transposeB: true));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("2×3 = 6 values; got 5", error.Message);

        error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[6], new double[6], new double[3], 2, 3, 2));
        Assert.Equal("c", error.ParamName);
        Assert.Contains("2×2 = 4 values; got 3", error.Message);
    }

    [Fact]
    public void Negative_dimensions_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply([], [], [], -1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply([], [], [], 0, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply([], [], [], 0, 0, -1));
    }

    [Fact]
    public void An_output_overlapping_an_input_is_rejected()
    {
        var buffer = new double[8];
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), buffer.AsSpan(2, 4), 2, 2, 2));
        Assert.Equal("c", error.ParamName);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(128, 32)]
    [InlineData(128, 1)]
    [InlineData(13, 21)]
    [InlineData(8, 9)]
    [InlineData(16, 16)]
    [InlineData(16, 2)]
    [InlineData(96, 32)]
    public void Transpose_moves_every_value_to_its_mirrored_place(int rows, int cols)
    {
        var source = Enumerable.Range(0, rows * cols).Select(i => (double)i).ToArray();
        var destination = new double[rows * cols];
        Gemm.Transpose(source, rows, cols, destination);
        for (int r = 0; r < rows; r++)
            for (int q = 0; q < cols; q++)
                Assert.Equal(source[r * cols + q], destination[q * rows + r]);
    }
}
