using RnnNotebooks.Gradients;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Gradients;

public class GradientCheckTests
{
    /// <summary>A dense layer whose backward pass forgets the bias gradient and halves dInput.</summary>
    private sealed class Broken(Dense inner) : ILayer
    {
        public IReadOnlyList<Parameter> Parameters => inner.Parameters;
        public Tensor Forward(Tensor input) => inner.Forward(input);
        public Tensor Backward(Tensor outputGradient)
        {
            var dx = inner.Backward(outputGradient);
            inner.Bias!.ZeroGrad();
            for (int i = 0; i < dx.Length; i++) dx.Data[i] *= 0.5;
            return dx;
        }
    }

    [Fact]
    public void A_wrong_gradient_is_reported_as_wrong()
    {
        var rng = new NumPyRandom(17);
        var report = GradientCheck.Run(new Broken(new Dense(3, 2, random: rng)), new MeanSquaredError(), TestTensors.Gaussian(rng, 1.0, 4, 3), TestTensors.Gaussian(rng, 1.0, 4, 2));
        Assert.False(report.Passed(1e-6));
        Assert.True(report["weight"].MaxRelativeError < 1e-6);
        Assert.True(report["bias"].MaxRelativeError > 0.5);
        Assert.True(report["input"].MaxRelativeError > 0.3);
    }

    [Fact]
    public void Report_renders_a_table_with_one_row_per_parameter()
    {
        var rng = new NumPyRandom(18);
        var report = GradientCheck.Run(new Dense(3, 2, random: rng), new MeanSquaredError(), TestTensors.Gaussian(rng, 1.0, 4, 3), TestTensors.Gaussian(rng, 1.0, 4, 2));
        var lines = report.ToString().Split('\n');
        Assert.StartsWith("parameter", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("weight ", StringComparison.Ordinal) && l.Contains(" 6 "));
        Assert.Contains(lines, l => l.StartsWith("bias ", StringComparison.Ordinal) && l.Contains(" 2 "));
        Assert.Contains(lines, l => l.StartsWith("input ", StringComparison.Ordinal) && l.Contains(" 12 "));
        Assert.Equal(report.Entries.Max(e => e.MaxRelativeError), report.MaxRelativeError);
    }

    [Theory]
    [InlineData(FiniteDifference.Central, 1e-6)]
    [InlineData(FiniteDifference.CentralFivePoint, 1e-3)]
    public void Numerical_derivative_of_a_known_function(FiniteDifference method, double epsilon)
    {
        var x = new[] { 0.7 };
        double d = GradientCheck.NumericalDerivative(x, 0, () => Math.Sin(x[0]) * Math.Exp(x[0]), new GradientCheckOptions { Method = method, Epsilon = epsilon });
        Assert.Equal(Math.Exp(0.7) * (Math.Sin(0.7) + Math.Cos(0.7)), d, 8);
        Assert.Equal(0.7, x[0]);
    }
}
