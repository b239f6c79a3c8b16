using RnnNotebooks.Numerics;

namespace RnnNotebooks.Tests.Numerics;

public class SingleInputGradientsTests
{
    [Theory]
    [InlineData(320, 128, true)]
    [InlineData(7, 40, true)]
    [InlineData(5, 8, false)]
    [InlineData(1, 32, true)]
    public void One_pass_gives_the_bias_sums_dW_ih_and_dx_of_the_separate_loops(int rows, int width, bool bias)
    {
        var random = new System.Random(rows * 1000 + width);
        double[] Fill(int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)];
        var dA = Fill(rows * width);
        var x = Fill(rows);
        var w = Fill(width);
        var grad = Fill(width);
        var expectedGrad = (double[])grad.Clone();
        var expectedSum = new double[width];
        var expectedDx = new double[rows];
        for (int j = 0; j < width; j++)
            for (int p = 0; p < rows; p++)
            {
                expectedSum[j] += dA[p * width + j];
                expectedGrad[j] = Math.FusedMultiplyAdd(x[p], dA[p * width + j], expectedGrad[j]);
                expectedDx[p] += dA[p * width + j] * w[j];
            }
        var sum = bias ? new double[width] : [];
        var dx = Enumerable.Repeat(double.NaN, rows).ToArray();   // written, not added to
        SingleInputGradients.Compute(dA, rows, width, x, w, grad, sum, dx, new double[8 * rows]);
        // The bias sums and dW_ih run down the rows in order, as ColumnSums and the product did: the same bits.
        Assert.Equal(expectedGrad, grad);
        if (bias) Assert.Equal(expectedSum, sum);
        for (int p = 0; p < rows; p++) Assert.Equal(expectedDx[p], dx[p], 1e-12);
    }
}
