using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Data;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>
/// The per-sample overhead of the public API: seed 000's stateful SimpleRnn (linear, one unit, batch 1) trained by
/// <see cref="Trainer.Fit"/> on 1,000,000 one-sample SGD steps from the document's draws. The arithmetic is a few dozen
/// FLOPs per step, so the time is the cost of going through the layer, the loss, the optimizer and the trainer.
/// </summary>
public sealed class BatchOneOverhead : Workload
{
    private const int Samples = 10_000, Epochs = 100;

    /// <inheritdoc />
    public override string Name => "batch1-overhead";

    /// <inheritdoc />
    public override string Description => "seed 000: stateful SimpleRnn(1), batch 1, through Trainer.Fit, 1,000,000 one-sample SGD steps";

    /// <inheritdoc />
    public override Target Target => new Target.NanosecondsPerStep(150);

    /// <inheritdoc />
    public override double? Steps => (double)Samples * Epochs;

    /// <inheritdoc />
    public override string PeerScript => "batch1_overhead.py";

    /// <inheritdoc />
    public override IReadOnlyList<string> PeerArguments => [((double)Samples * Epochs).ToString("F0"), "20000"];

    /// <inheritdoc />
    public override FlopCount Flops => new(0, (double)Samples * Epochs * 14, "per step: 4 forward, 4 loss, 6 update");

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        var random = new NumPyRandom(1337);
        Dataset data = Ewma.Generate(random, Samples);
        double wa = random.NextDouble(), wx = random.NextDouble(), b = random.NextDouble(), a = random.NextDouble();

        var rnn = new SimpleRnn(1, 1, Activation.Linear, stateful: true);
        var named = rnn.Parameters.ToDictionary(p => p.Name);
        named["weight_ih"].Value[0] = wx;
        named["weight_hh"].Value[0] = wa;
        named["bias_ih"].Value[0] = b;
        named["bias_hh"].Value[0] = 0;
        rnn.InitialState = new Tensor([a], 1, 1);

        // The document steps on half the squared error: lr 0.001 there is lr 0.0005 on the mean squared error.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Trainer.Fit(rnn, new MeanSquaredError(), new Sgd(rnn.Parameters, 0.0005), data,
            new FitOptions { Epochs = Epochs, BatchSize = 1, Shuffle = false });
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["W_a"] = named["weight_hh"].Value[0],
            ["W_x"] = named["weight_ih"].Value[0],
            ["b"] = named["bias_ih"].Value[0] + named["bias_hh"].Value[0],
        });
    }
}
