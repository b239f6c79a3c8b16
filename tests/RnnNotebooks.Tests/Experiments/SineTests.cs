using RnnNotebooks.Data;
using RnnNotebooks.Experiments.Sine;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Experiments;

public class SineTests
{
    /// <summary>sin(x + h) = 2·cos(h)·sin(x) − sin(x − h): a "model" that knows this extends a sine exactly.</summary>
    private sealed class SineRecurrence(double h) : ILayer
    {
        public IReadOnlyList<Parameter> Parameters { get; } = [];
        public int Calls { get; private set; }

        public Tensor Forward(Tensor input)
        {
            Calls++;
            int w = input.Shape[1];
            return new Tensor([2 * Math.Cos(h) * input.Data[w - 1] - input.Data[w - 2]], 1, 1);
        }

        public Tensor Backward(Tensor outputGradient) => throw new NotSupportedException();
    }

    [Fact]
    public void Rollout_feeds_each_prediction_back_in()
    {
        double[] x = SineWindows.Arange(0, 10 * Math.PI, 0.1);
        double[] truth = x.Select(Math.Sin).ToArray();
        var model = new SineRecurrence(0.1);

        double[] predicted = Rollout.Autoregressive(model, truth.AsSpan(0, 20), x.Length - 20);

        Assert.Equal(295, predicted.Length);
        Assert.Equal(295, model.Calls);
        Assert.True(Rollout.Rmse(predicted, truth.AsSpan(20)) < 1e-12);
    }

    [Fact]
    public void Rollout_of_a_wrong_recurrence_drifts()
    {
        double[] truth = SineWindows.Sine(0, 10 * Math.PI, 0.1);
        double[] predicted = Rollout.Autoregressive(new SineRecurrence(0.11), truth.AsSpan(0, 20), truth.Length - 20);
        Assert.True(Rollout.Rmse(predicted, truth.AsSpan(20)) > 0.1);
    }

    [Fact]
    public void Rmse_is_the_root_mean_square_difference_and_checks_lengths()
    {
        Assert.Equal(Math.Sqrt((1 + 4 + 0) / 3.0), Rollout.Rmse([1, 2, 3], [0, 0, 3]), 14);
        Assert.Throws<ArgumentException>(() => Rollout.Rmse([1, 2], [1]));
    }

    [Theory]
    [InlineData(SineCell.SimpleRnn, 1)]
    [InlineData(SineCell.Lstm, 4)]
    [InlineData(SineCell.PeepholeLstm, 4)]
    [InlineData(SineCell.Gru, 3)]
    public void Models_use_Keras_initialisation(SineCell cell, int gates)
    {
        var model = SineModel.Create(cell, new NumPyRandom(4));
        var byName = model.Parameters.ToDictionary(p => p.Name);
        var wHh = byName["weight_hh"];
        Assert.Equal([gates * 32, 32], wHh.Shape);
        // Orthogonal recurrent weights: the columns of the [gates·H, H] matrix are orthonormal.
        for (int i = 0; i < 32; i++)
            for (int j = 0; j < 32; j++)
            {
                double dot = 0;
                for (int r = 0; r < gates * 32; r++) dot += wHh.Value[r * 32 + i] * wHh.Value[r * 32 + j];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 10);
            }
        double glorot = Math.Sqrt(6.0 / (1 + gates * 32));
        Assert.All(byName["weight_ih"].Value, v => Assert.InRange(v, -glorot, glorot));
        Assert.All(byName["bias_hh"].Value, v => Assert.Equal(0.0, v));
        var bIh = byName["bias_ih"].Value;
        for (int k = 0; k < bIh.Length; k++)
            Assert.Equal(gates == 4 && k / 32 == 1 ? 1.0 : 0.0, bIh[k]);   // forget gate (i, f, g, o) starts at 1
        Assert.Equal(cell == SineCell.PeepholeLstm, byName.ContainsKey("weight_ci"));
    }

    [Fact]
    public void A_short_run_learns_and_repeats_with_its_seed()
    {
        var recipe = new SineRecipe { Units = 8, Epochs = 3 };
        var first = SineRun.Run(SineCell.Gru, 3, recipe);
        var again = SineRun.Run(SineCell.Gru, 3, recipe);

        Assert.Equal(first.History.Loss, again.History.Loss);
        Assert.Equal(first.Predictions, again.Predictions);
        Assert.True(first.History.Loss[^1] < first.History.Loss[0] / 5, $"Loss went {first.History.Loss[0]} → {first.History.Loss[^1]}.");
        Assert.Equal(295, first.Predictions.Length);
        Assert.Equal(315, first.RolloutX.Length);
    }
}
