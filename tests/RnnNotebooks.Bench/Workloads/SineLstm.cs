using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Data;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>Seed 001: LSTM(32) + Dense(1, tanh), windows of 20, batch 32, Adam, 25 epochs over the sine windows.</summary>
public sealed class SineLstm : Workload
{
    private const int Windows = 3122, Steps = 20, Epochs = 25, Hidden = 32, Input = 1, Gates = 4 * Hidden;
    private const uint Seed = 1;

    /// <inheritdoc />
    public override string Name => "sine-lstm";

    /// <inheritdoc />
    public override string Description => "seed 001: LSTM(32)+Dense(1,tanh), batch 32, Adam, 25 epochs × 3,122 windows of 20";

    /// <inheritdoc />
    public override double TargetSeconds => 1.0;

    /// <inheritdoc />
    public override string PeerScript => "sine_lstm.py";

    /// <inheritdoc />
    public override IReadOnlyList<string> PeerArguments => [Seed.ToString()];

    /// <inheritdoc />
    public override FlopCount Flops
    {
        get
        {
            double sampleSteps = (double)Windows * Steps * Epochs;
            double forward = 2.0 * Gates * (Input + Hidden);               // x·W_ihᵀ + h·W_hhᵀ
            double backward = 2.0 * Gates * (Input + Hidden)               // dW_ih, dW_hh
                + 2.0 * Gates * (Hidden + Input);                          // dh = dG·W_hh, dx = dG·W_ih
            double dense = (double)Windows * Epochs * 3 * 2 * Hidden;      // forward, dW, dh at the last step
            // Per unit and step: bias adds 8, five activations, cell update 4; backward about 29.
            double elementwise = sampleSteps * Hidden * (17 + 29);
            return new FlopCount(sampleSteps * (forward + backward) + dense, elementwise,
                $"{Windows} windows × {Steps} steps × {Epochs} epochs × (forward {forward:N0} + backward {backward:N0}) " +
                $"matrix-product FLOPs, + {17 + 29} elementwise per unit per step");
        }
    }

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        Dataset data = SineWindows.Generate(Steps);
        var random = new NumPyRandom(Seed);
        var model = new Sequential(
            new Lstm(Input, Hidden, init: WeightInit.Keras, random: random),
            new Dense(Hidden, 1, Activation.Tanh, init: WeightInit.Keras, random: random));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        History history = Trainer.Fit(model, new MeanSquaredError(), Adam.Keras(model.Parameters, 0.001), data,
            new FitOptions { Epochs = Epochs, BatchSize = 32, Shuffle = true, Seed = Seed });
        double seconds = clock.Elapsed.TotalSeconds;

        double[] truth = SineWindows.Sine(0, 10 * Math.PI, 0.1);
        double[] predicted = Rollout.Autoregressive(model, truth.AsSpan(0, Steps), truth.Length - Steps);
        double squares = 0;
        for (int i = 0; i < predicted.Length; i++) squares += Math.Pow(predicted[i] - truth[Steps + i], 2);
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["loss"] = history.Loss[^1],
            ["rollout_rmse"] = Math.Sqrt(squares / predicted.Length),
            ["batches_per_epoch"] = history.Epochs > 0 ? (int)Math.Ceiling(Windows / 32.0) : 0,
        });
    }
}
