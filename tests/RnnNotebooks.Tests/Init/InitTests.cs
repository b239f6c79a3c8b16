using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Init;

public class InitTests
{
    [Fact]
    public void PyTorch_scheme_draws_every_recurrent_parameter_within_one_over_sqrt_h()
    {
        var cell = new GruCell(3, 16, random: new NumPyRandom(1));
        foreach (var p in cell.Parameters)
        {
            Assert.All(p.Value, v => Assert.InRange(Math.Abs(v), 0, 0.25));
            Assert.True(p.Value.Distinct().Count() > p.Length / 2, $"{p.Name} looks constant");
        }
    }

    [Fact]
    public void Uniform_fill_reproduces_numpy_uniform_order_and_transposed_order()
    {
        var p = new Parameter("weight", 2, 3);
        Initializers.Uniform(p, -0.5, 0.5, new NumPyRandom(3));
        var reference = new NumPyRandom(3);
        Assert.Equal(Enumerable.Range(0, 6).Select(_ => reference.Uniform(-0.5, 0.5)), p.Value);

        Initializers.Uniform(p, -0.5, 0.5, new NumPyRandom(3), transposed: true);
        var again = new NumPyRandom(3);
        var drawn = Enumerable.Range(0, 6).Select(_ => again.Uniform(-0.5, 0.5)).ToArray();   // as [3, 2], row-major
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++) Assert.Equal(drawn[c * 2 + r], p.Value[r * 3 + c]);
    }

    [Fact]
    public void Keras_scheme_gives_orthogonal_recurrent_weights_glorot_input_weights_and_forget_bias_one()
    {
        const int h = 8, input = 3;
        var cell = new LstmCell(input, h, init: WeightInit.Keras, random: new NumPyRandom(5));
        var byName = cell.Parameters.ToDictionary(p => p.Name);
        var q = byName["weight_hh"].ToMatrix();                        // [4H, H]
        var gram = q.TransposeThisAndMultiply(q);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < h; j++) Assert.Equal(i == j ? 1.0 : 0.0, gram[i, j], 12);
        double limit = Math.Sqrt(6.0 / (input + 4 * h));
        Assert.All(byName["weight_ih"].Value, v => Assert.InRange(Math.Abs(v), 0, limit));
        Assert.Contains(byName["weight_ih"].Value, v => Math.Abs(v) > limit / 2);
        var bias = byName["bias_ih"].Value;
        for (int i = 0; i < 4 * h; i++) Assert.Equal(i >= h && i < 2 * h ? 1.0 : 0.0, bias[i]);
        Assert.All(byName["bias_hh"].Value, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Orthogonal_handles_wide_matrices_with_orthonormal_rows()
    {
        var p = new Parameter("w", 3, 7);
        Initializers.Orthogonal(p, new NumPyRandom(6));
        var m = p.ToMatrix();
        var gram = m.TransposeAndMultiply(m);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(i == j ? 1.0 : 0.0, gram[i, j], 12);
    }

    [Theory]
    [InlineData(WeightInit.PyTorch)]
    [InlineData(WeightInit.Keras)]
    [InlineData(WeightInit.UniformFanIn)]
    public void Same_seed_same_weights_different_seed_different_weights(WeightInit scheme)
    {
        double[] Draw(uint seed) =>
        [
            .. new LstmCell(2, 5, peepholes: true, init: scheme, random: new NumPyRandom(seed)).Parameters.SelectMany(p => p.Value),
            .. new Dense(5, 2, init: scheme, random: new NumPyRandom(seed)).Parameters.SelectMany(p => p.Value),
        ];
        Assert.Equal(Draw(9), Draw(9));
        Assert.NotEqual(Draw(9), Draw(10));
    }

    [Fact]
    public void Uniform_fan_in_scheme_uses_sqrt_one_over_fan_in_and_zero_biases()
    {
        var cell = new SimpleRnnCell(2, 16, init: WeightInit.UniformFanIn, random: new NumPyRandom(4));
        var byName = cell.Parameters.ToDictionary(p => p.Name);
        Assert.All(byName["weight_ih"].Value, v => Assert.InRange(Math.Abs(v), 0, Math.Sqrt(0.5)));
        Assert.Contains(byName["weight_ih"].Value, v => Math.Abs(v) > 0.25);   // wider than the ±1/4 of the hidden weights
        Assert.All(byName["weight_hh"].Value, v => Assert.InRange(Math.Abs(v), 0, 0.25));
        Assert.All(byName["bias_ih"].Value, v => Assert.Equal(0.0, v));
    }
}
