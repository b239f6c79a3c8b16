using System.Runtime.Intrinsics;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Tests.Numerics;

public class VectorMathTests
{
    private static IEnumerable<double> Points(double from, double to, int count)
    {
        for (int i = 0; i < count; i++) yield return from + (to - from) * i / (count - 1);
    }

    private static double[] Map(Func<Vector512<double>, Vector512<double>> f, double[] x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i += 8)
        {
            var v = Vector512.Create(x.AsSpan(i, 8));
            f(v).CopyTo(y.AsSpan(i, 8));
        }
        return y;
    }

    private static double Ulps(double actual, double expected) =>
        expected == actual ? 0 : Math.Abs(actual - expected) / Math.Abs(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));

    [Fact]
    public void Exp_is_within_two_ulps_of_Math_Exp_over_the_normal_range()
    {
        double[] x = [.. Points(-707, 708, 40_000), .. Points(-1, 1, 8_000)];
        var y = Map(VectorMath.Exp, x);
        double worst = x.Select((v, i) => Ulps(y[i], Math.Exp(v))).Max();
        Assert.True(worst <= 2, $"worst error {worst} ulps");
    }

    [Fact]
    public void Exp_saturates_to_zero_and_infinity_and_propagates_NaN()
    {
        var y = VectorMath.Exp(Vector512.Create(-1000.0, 1000.0, double.NaN, 0.0, double.NegativeInfinity, double.PositiveInfinity, 1.0, -1.0));
        Assert.Equal(0.0, y[0]);
        Assert.Equal(double.PositiveInfinity, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal(1.0, y[3]);
        Assert.Equal(0.0, y[4]);
        Assert.Equal(double.PositiveInfinity, y[5]);
        Assert.True(Ulps(y[6], Math.E) <= 2, $"e^1 = {y[6]:R}");
        Assert.True(Ulps(y[7], 1 / Math.E) <= 2, $"e^-1 = {y[7]:R}");
    }

    [Fact]
    public void Vector_and_scalar_tanh_and_sigmoid_agree_with_the_system_to_a_few_ulps()
    {
        double[] x = [.. Points(-20, 20, 16_000), .. Points(-0.1, 0.1, 8_000)];
        var tanh = Map(VectorMath.Tanh, x);
        var sigmoid = Map(VectorMath.Sigmoid, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Ulps(tanh[i], Math.Tanh(x[i])) <= 4, $"tanh({x[i]:R}) = {tanh[i]:R}, expected {Math.Tanh(x[i]):R}");
            Assert.True(Ulps(VectorMath.Tanh(x[i]), Math.Tanh(x[i])) <= 4, $"scalar tanh({x[i]:R})");
            double expected = 1 / (1 + Math.Exp(-x[i]));
            Assert.True(Ulps(sigmoid[i], expected) <= 4, $"sigmoid({x[i]:R}) = {sigmoid[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Scalar_and_vector_forms_give_the_same_bits()
    {
        double[] x = [.. Points(-30, 30, 24_000), .. Points(-0.2, 0.2, 8_000), -800, 800, 0, -0.0, 1e-300, -1e-300, 22.5, -22.5];
        x = [.. x, .. Enumerable.Repeat(0.0, (8 - x.Length % 8) % 8)];
        var tanh = Map(VectorMath.Tanh, x);
        var sigmoid = Map(VectorMath.Sigmoid, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(VectorMath.Tanh(x[i])), BitConverter.DoubleToInt64Bits(tanh[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(VectorMath.Sigmoid(x[i])), BitConverter.DoubleToInt64Bits(sigmoid[i]));
        }
    }

    [Fact]
    public void Tanh_and_sigmoid_saturate_and_propagate_NaN()
    {
        var z = Vector512.Create(double.NegativeInfinity, double.PositiveInfinity, double.NaN, 0.0, -1000.0, 1000.0, 30.0, -30.0);
        var tanh = VectorMath.Tanh(z);
        var sigmoid = VectorMath.Sigmoid(z);
        double[] expectedTanh = [-1, 1, double.NaN, 0, -1, 1, 1, -1];
        double[] expectedSigmoid = [0, 1, double.NaN, 0.5, 0, 1, 1 / (1 + Math.Exp(-30)), 1 / (1 + Math.Exp(30))];
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(expectedTanh[i], tanh[i]);
            Assert.Equal(expectedTanh[i], VectorMath.Tanh(z[i]));
            Assert.True(Ulps(sigmoid[i], expectedSigmoid[i]) <= 4 || double.IsNaN(expectedSigmoid[i]) && double.IsNaN(sigmoid[i]), $"sigmoid({z[i]})");
            Assert.Equal(BitConverter.DoubleToInt64Bits(sigmoid[i]), BitConverter.DoubleToInt64Bits(VectorMath.Sigmoid(z[i])));
        }
    }
}
