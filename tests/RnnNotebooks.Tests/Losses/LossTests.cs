using RnnNotebooks.Gradients;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Losses;

public class LossTests
{
    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Mse_value_and_gradient(Reduction reduction)
    {
        var rng = new NumPyRandom(15);
        var p = TestTensors.Gaussian(rng, 1.0, 3, 4);
        var t = TestTensors.Gaussian(rng, 1.0, 3, 4);
        double expected = 0;
        for (int i = 0; i < p.Length; i++) expected += (p.Data[i] - t.Data[i]) * (p.Data[i] - t.Data[i]);
        if (reduction == Reduction.Mean) expected /= p.Length;
        Assert.Equal(expected, new MeanSquaredError(reduction).Forward(p, t), 1e-13 * expected);
        var report = GradientCheck.Run(new Identity(), new MeanSquaredError(reduction), p, t);
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    [Fact]
    public void Mse_shape_mismatch_names_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Forward(new Tensor(3, 1), new Tensor(3)));
        Assert.Contains("[3, 1]", ex.Message);
        Assert.Contains("[3]", ex.Message);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Cross_entropy_gradient_matches_central_differences(bool sequence, bool oneHot)
    {
        var rng = new NumPyRandom(16);
        int[] shape = sequence ? [2, 3, 4] : [5, 4];
        var logits = TestTensors.Gaussian(rng, 2.0, shape);
        var classes = TestTensors.Classes(rng, 4, shape[..^1]);
        var target = oneHot ? OneHot(classes, 4) : classes;
        var report = GradientCheck.Run(new Identity(), new SoftmaxCrossEntropy(), logits, target);
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    [Fact]
    public void Cross_entropy_is_mean_negative_log_softmax_of_the_target_class()
    {
        var logits = new Tensor([2.0, -1.0, 0.5, 0.0, 0.0, 0.0], 2, 3);
        double l0 = -Math.Log(Math.Exp(2.0) / (Math.Exp(2.0) + Math.Exp(-1.0) + Math.Exp(0.5)));
        double l1 = Math.Log(3.0);
        var loss = new SoftmaxCrossEntropy();
        Assert.Equal((l0 + l1) / 2, loss.Forward(logits, new Tensor([0.0, 2.0], 2)), 14);
        Assert.Equal(l0 + l1, new SoftmaxCrossEntropy(Reduction.Sum).Forward(logits, new Tensor([0.0, 2.0], 2)), 14);
    }

    [Fact]
    public void Cross_entropy_is_stable_for_huge_logits()
    {
        var small = new Tensor([1.0, -2.0, 0.5], 1, 3);
        var huge = new Tensor([1001.0, 998.0, 1000.5], 1, 3);
        var target = new Tensor([1.0], 1);
        double a = new SoftmaxCrossEntropy().Forward(small, target);
        double b = new SoftmaxCrossEntropy().Forward(huge, target);
        Assert.True(double.IsFinite(b));
        Assert.Equal(a, b, 12);
    }

    [Fact]
    public void Cross_entropy_rejects_bad_targets_naming_them()
    {
        var loss = new SoftmaxCrossEntropy();
        var ex = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(2, 3), new Tensor([0.0, 3.0], 2)));
        Assert.Contains("0…2", ex.Message);
        Assert.Contains("got 3", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(2, 3), new Tensor(3)));
        Assert.Contains("[2]", ex2.Message);
        Assert.Contains("got [3]", ex2.Message);
    }

    private static Tensor OneHot(Tensor classes, int count)
    {
        var t = new Tensor([.. classes.Shape, count]);
        for (int i = 0; i < classes.Length; i++) t.Data[i * count + (int)classes.Data[i]] = 1.0;
        return t;
    }
}
