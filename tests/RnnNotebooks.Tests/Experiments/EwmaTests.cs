using RnnNotebooks.Data;
using RnnNotebooks.Experiments.Ewma;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Experiments;

public class EwmaTests
{
    [Fact]
    public void Toy_step_is_sgd_on_half_the_squared_error_with_the_output_fed_back()
    {
        var net = new ToyEwmaNetwork(wa: 0.5, wx: 0.25, b: 0.1, a: 2.0);
        double yHat = net.Step(x: 4.0, y: 3.0, learningRate: 0.1);
        Assert.Equal(0.25 * 4 + 0.5 * 2 + 0.1, yHat, 15);       // 2.1
        double e = 3.0 - 2.1;
        Assert.Equal(0.5 + 0.1 * e * 2.0, net.WA, 15);
        Assert.Equal(0.25 + 0.1 * e * 4.0, net.WX, 15);
        Assert.Equal(0.1 + 0.1 * e, net.B, 15);
        Assert.Equal(yHat, net.A, 15);
        Assert.Equal(e * e, net.LastLoss, 15);
    }

    [Fact]
    public void Toy_loop_on_the_questions_draws_ends_where_numpy_does()
    {
        var random = new NumPyRandom(SourceFigures.Seed);
        var data = Ewma.Generate(random, SourceFigures.Samples, SourceFigures.Alpha);
        var net = ToyEwmaNetwork.Draw(random);
        for (int e = 0; e < SourceFigures.Epochs; e++) net.TrainEpoch(data.Inputs.Data, data.Targets.Data, SourceFigures.LearningRate);
        Assert.Equal(SourceFigures.FinalWA, net.WA, 1e-12);
        Assert.Equal(SourceFigures.FinalWX, net.WX, 1e-12);
        Assert.Equal(SourceFigures.FinalB, net.B, 1e-12);
        Assert.Equal(SourceFigures.Epochs * (long)SourceFigures.Samples, net.Steps);
    }

    [Fact]
    public void Toy_epoch_rejects_mismatched_lengths_and_reports_divergence()
    {
        var net = new ToyEwmaNetwork(0, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => net.TrainEpoch(new double[3], new double[2], 0.1));
        var wild = new ToyEwmaNetwork(1, 1, 1, 1);
        var x = Enumerable.Repeat(1e3, 200).ToArray();
        var ex = Assert.Throws<InvalidOperationException>(() => wild.TrainEpoch(x, x, 10));
        Assert.Contains("diverged", ex.Message);
    }

    [Fact]
    public void Trace_records_the_start_and_every_kth_batch_across_epochs()
    {
        var data = Ewma.Generate(new NumPyRandom(5), 10, 0.2);
        var rnn = new SimpleRnn(1, 1, Activation.Linear, stateful: true, random: new NumPyRandom(1));
        var trace = new ParameterTrace(4, ("whh", rnn.Parameters[1], 0), ("wih", rnn.Parameters[0], 0));
        double whh0 = rnn.Parameters[1].Value[0];
        Trainer.Fit(rnn, new MeanSquaredError(), new Sgd(rnn.Parameters, 0.05), data,
            new FitOptions { Epochs = 2, BatchSize = 1, Shuffle = false, Callbacks = [trace] });
        Assert.Equal([0L, 4, 8, 12, 16, 20], trace.Steps);
        Assert.Equal(whh0, trace["whh"][0]);
        Assert.Equal(rnn.Parameters[1].Value[0], trace["whh"][^1]);
        Assert.Equal(6, trace["wih"].Count);
        Assert.Throws<KeyNotFoundException>(() => trace["bias"]);
        Assert.Throws<ArgumentException>(() => new ParameterTrace(1, ("w", rnn.Parameters[0], 3)));
    }

    [Fact]
    public void Stateful_one_unit_linear_rnn_learns_the_average_weights()
    {
        var data = Ewma.Generate(new NumPyRandom(SourceFigures.Seed), 4000, 0.3);
        var rnn = new SimpleRnn(1, 1, Activation.Linear, stateful: true, random: new NumPyRandom(0));
        Trainer.Fit(rnn, new MeanSquaredError(), new Sgd(rnn.Parameters, 0.1), data,
            new FitOptions { Epochs = 3, BatchSize = 1, Shuffle = false });
        Assert.Equal(0.7, rnn.Parameters[1].Value[0], 0.01);
        Assert.Equal(0.3, rnn.Parameters[0].Value[0], 0.01);
    }

    [Fact]
    public void Plain_average_takes_zeros_literally_and_lets_nan_through()
    {
        double[] signal = [1, 1, 0, 1, double.NaN, 1];
        double[] plain = PlainAverage.Of(signal, start: 1, alpha: 0.5);
        Assert.Equal([1, 1, 0.5, 0.75], plain[..4]);
        Assert.True(double.IsNaN(plain[4]) && double.IsNaN(plain[5]));
        double[] filled = Ewma.RunningAverage(signal, 0.5);
        Assert.All(filled, v => Assert.True(double.IsFinite(v)));
        Assert.True(filled[2] > plain[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainAverage.Of(signal, 0, 1.5));
    }
}
