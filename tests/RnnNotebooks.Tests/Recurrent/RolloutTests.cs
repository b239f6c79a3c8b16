using RnnNotebooks.Data;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Recurrent;

public class RolloutTests
{
    /// <summary>sin(x + h) = 2·cos(h)·sin(x) − sin(x − h): a "model" that knows this extends a sine exactly.</summary>
    private sealed class SineRecurrence(double h) : ILayer
    {
        public IReadOnlyList<Parameter> Parameters { get; } = [];
        public int Calls { get; private set; }
        public List<double[]> Windows { get; } = [];

        public Tensor Forward(Tensor input)
        {
            Calls++;
            Windows.Add((double[])input.Data.Clone());
            int w = input.Shape[1];
            return new Tensor([2 * Math.Cos(h) * input.Data[w - 1] - input.Data[w - 2]], 1, 1);
        }

        public Tensor Backward(Tensor outputGradient) => throw new NotSupportedException();
    }

    private static double Rmse(double[] predicted, ReadOnlySpan<double> truth)
    {
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++) sum += Math.Pow(predicted[i] - truth[i], 2);
        return Math.Sqrt(sum / predicted.Length);
    }

    [Fact]
    public void Rollout_feeds_each_prediction_back_in()
    {
        double[] truth = SineWindows.Sine(0, 10 * Math.PI, 0.1);
        var model = new SineRecurrence(0.1);

        double[] predicted = Rollout.Autoregressive(model, truth.AsSpan(0, 20), truth.Length - 20);

        Assert.Equal(295, predicted.Length);
        Assert.Equal(295, model.Calls);
        Assert.True(Rmse(predicted, truth.AsSpan(20)) < 1e-12);
        // Once the seed values have scrolled out, the window holds only predictions.
        Assert.Equal(predicted[5..25], model.Windows[25]);
    }

    [Fact]
    public void Rollout_of_a_wrong_recurrence_drifts()
    {
        double[] truth = SineWindows.Sine(0, 10 * Math.PI, 0.1);
        double[] predicted = Rollout.Autoregressive(new SineRecurrence(0.11), truth.AsSpan(0, 20), truth.Length - 20);
        Assert.True(Rmse(predicted, truth.AsSpan(20)) > 0.1);
    }

    [Fact]
    public void Rollout_rejects_an_empty_seed_and_a_model_returning_more_than_one_value()
    {
        Assert.Throws<ArgumentException>(() => Rollout.Autoregressive(new SineRecurrence(0.1), ReadOnlySpan<double>.Empty, 3));
        var wide = new RnnNotebooks.Layers.Dense(1, 2);
        var ex = Assert.Throws<ArgumentException>(() => Rollout.Autoregressive(new Flatten(wide), [1.0, 2.0], 1));
        Assert.Contains("one value", ex.Message);
    }

    /// <summary>Reads the last value of a window and hands it to a layer.</summary>
    private sealed class Flatten(ILayer inner) : ILayer
    {
        public IReadOnlyList<Parameter> Parameters => inner.Parameters;
        public Tensor Forward(Tensor input) => inner.Forward(new Tensor([input.Data[^1]], 1, 1));
        public Tensor Backward(Tensor outputGradient) => throw new NotSupportedException();
    }
}
