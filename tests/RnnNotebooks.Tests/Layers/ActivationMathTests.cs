using RnnNotebooks.Layers;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Layers;

public class ActivationMathTests
{
    [Fact]
    public void Vectorised_tanh_matches_math_tanh_to_2e15_relative_from_tiny_to_saturated_inputs()
    {
        var rng = new NumPyRandom(19);
        var x = new double[4099];
        for (int i = 0; i < x.Length; i++) x[i] = (rng.NextDouble() - 0.5) * 2 * Math.Pow(10, rng.RandInt(-9, 3));
        x[0] = 0.0; x[1] = 0.0625; x[2] = -0.0625; x[3] = 800.0; x[4] = -800.0;
        var y = new double[x.Length];
        ActivationMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 2e-15 * Math.Abs(expected), $"tanh({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Linear)]
    public void Backward_from_the_output_equals_the_derivative(Activation activation)
    {
        double[] z = [-1.5, -0.2, 0.3, 2.0];
        var y = new double[4];
        ActivationMath.Apply(activation, z, y);
        var dz = new double[4];
        ActivationMath.Backward(activation, y, [1.0, 1.0, 1.0, 1.0], dz);
        for (int i = 0; i < 4; i++)
        {
            double expected = activation switch
            {
                Activation.Tanh => 1 - Math.Tanh(z[i]) * Math.Tanh(z[i]),
                Activation.Sigmoid => Math.Exp(-z[i]) / Math.Pow(1 + Math.Exp(-z[i]), 2),
                Activation.Relu => z[i] > 0 ? 1 : 0,
                _ => 1,
            };
            Assert.Equal(expected, dz[i], 14);
        }
    }
}
