using RnnNotebooks.Data;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Trainers;

public class ParameterTraceTests
{
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
    }

    [Fact]
    public void Every_batch_trace_follows_each_optimizer_step()
    {
        var model = new LinearRecurrence(wx: 0.5, wRec: 0.5);
        var trace = new ParameterTrace(1, ("w_x", model.Parameters[0], 0), ("w_rec", model.Parameters[1], 0));
        var seen = new List<double>();
        Trainer.Fit(model, new MeanSquaredError(), new Sgd(model.Parameters, 1e-3), CountingOnes.Generate(),
            new FitOptions { Epochs = 5, BatchSize = 20, Shuffle = false, Callbacks = [trace, new LambdaCallback(onBatchEnd: _ => seen.Add(model.Parameters[0].Value[0]))] });

        Assert.Equal(6, trace["w_x"].Count);
        Assert.Equal(0.5, trace["w_x"][0]);
        Assert.Equal(seen, trace["w_x"].Skip(1));
        Assert.NotEqual(trace["w_rec"][0], trace["w_rec"][^1]);
    }

    [Fact]
    public void Bad_entries_and_unknown_names_are_rejected_with_what_was_expected()
    {
        var p = new Parameter("weight", 2, 2);
        Assert.Throws<ArgumentException>(() => new ParameterTrace(1));
        var outside = Assert.Throws<ArgumentException>(() => new ParameterTrace(1, ("w", p, 4)));
        Assert.Contains("index 4", outside.Message);
        Assert.Throws<ArgumentException>(() => new ParameterTrace(1, ("w", p, 0), ("w", p, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterTrace(0, ("w", p, 0)));
        var unknown = Assert.Throws<KeyNotFoundException>(() => new ParameterTrace(1, ("w", p, 0))["bias"]);
        Assert.Contains("traced: w", unknown.Message);
    }

    [Fact]
    public void Stateful_one_unit_linear_rnn_learns_the_average_weights()
    {
        var data = Ewma.Generate(new NumPyRandom(1337), 4000, 0.3);
        var rnn = new SimpleRnn(1, 1, Activation.Linear, stateful: true, random: new NumPyRandom(0));
        Trainer.Fit(rnn, new MeanSquaredError(), new Sgd(rnn.Parameters, 0.1), data,
            new FitOptions { Epochs = 3, BatchSize = 1, Shuffle = false });
        Assert.Equal(0.7, rnn.Parameters[1].Value[0], 0.01);
        Assert.Equal(0.3, rnn.Parameters[0].Value[0], 0.01);
    }
}
