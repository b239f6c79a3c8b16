using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Cells;
using RnnNotebooks.Data;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>
/// Seed 001's task built from the public API: a recurrent layer of 32 units and Dense(1, tanh) with Keras's initialisation,
/// Adam, batch 32, 25 epochs over the 3,122 sine windows of 20, then a 295-step rollout on its own predictions.
/// </summary>
public sealed class SineTraining(SineModel model) : Workload
{
    private const int Windows = 3122, WindowSteps = 20, Epochs = 25, Hidden = 32, Input = 1, Window = 20;
    private const uint Seed = 1;

    /// <inheritdoc />
    public override string Name => model switch
    {
        SineModel.Lstm => "sine-lstm",
        SineModel.Gru => "sine-gru",
        SineModel.SimpleRnn => "sine-simplernn",
        _ => "sine-user-cell",
    };

    /// <inheritdoc />
    public override string Description => model switch
    {
        SineModel.UserCell => "seed 001's task with a user-written Elman cell (32) on the generic loop, Dense(1, tanh), Adam, 25 × 3,122 windows",
        _ => $"seed 001: {model}(32) + Dense(1, tanh), batch 32, Adam, 25 epochs × 3,122 windows of 20",
    };

    /// <inheritdoc />
    public override Target? Target => model switch
    {
        SineModel.Lstm => new Target.PeakShare(0.5),
        SineModel.Gru or SineModel.SimpleRnn => new Target.PeakShare(0.4),
        _ => null,
    };

    /// <inheritdoc />
    public override string PeerScript => "sine.py";

    /// <inheritdoc />
    public override IReadOnlyList<string> PeerArguments => [model switch { SineModel.Lstm => "lstm", SineModel.Gru => "gru", _ => "rnn" }, Seed.ToString()];

    /// <inheritdoc />
    public override FlopCount Flops
    {
        get
        {
            // Matrix products per sample-step: forward x·W_ihᵀ + h·W_hhᵀ; backward dW_ih, dW_hh and dx, dh: three times 2·G·(I + H).
            // Elementwise per unit and step, forward + backward: LSTM 17 + 29 (biases, five activations, cell update),
            // GRU 15 + 20, Elman 2 + 3 (bias, tanh). Activations count one each.
            (int gates, int elementwise) = model switch { SineModel.Lstm => (4, 46), SineModel.Gru => (3, 35), _ => (1, 5) };
            double sampleSteps = (double)Windows * WindowSteps * Epochs;
            double matrix = 3 * 2.0 * gates * Hidden * (Input + Hidden);
            double dense = (double)Windows * Epochs * 3 * 2 * Hidden;
            return new FlopCount(sampleSteps * matrix + dense, sampleSteps * Hidden * elementwise,
                $"{Windows} windows × {WindowSteps} steps × {Epochs} epochs × 3 × 2·{gates * Hidden}·({Input}+{Hidden}) matrix-product FLOPs, " +
                $"+ Dense(1), + {elementwise} elementwise per unit per step");
        }
    }

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        Dataset data = SineWindows.Generate(Window, step: 0.1);
        var random = new NumPyRandom(Seed);
        ILayer recurrent = model switch
        {
            SineModel.Lstm => new Lstm(Input, Hidden, init: WeightInit.Keras, random: random),
            SineModel.Gru => new Gru(Input, Hidden, init: WeightInit.Keras, random: random),
            SineModel.SimpleRnn => new SimpleRnn(Input, Hidden, Activation.Tanh, init: WeightInit.Keras, random: random),
            _ => new RecurrentLayer(UserCell(random)),
        };
        var network = new Sequential(recurrent, new Dense(Hidden, 1, Activation.Tanh, init: WeightInit.Keras, random: random));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var history = Trainer.Fit(network, new MeanSquaredError(), Adam.Keras(network.Parameters, 0.001), data,
            new FitOptions { Epochs = Epochs, BatchSize = 32, Shuffle = true, Seed = Seed });
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["loss"] = history.Loss[^1],
            ["rollout_rmse"] = RolloutRmse(network),
            ["path"] = recurrent is RecurrentLayer { HasFastPath: true, UseFastPath: true } ? "fused" : "generic loop",
        });
    }

    /// <summary>The user cell, starting from the weights SimpleRnn would draw from the same source.</summary>
    private static UserElmanCell UserCell(NumPyRandom random)
    {
        var reference = new SimpleRnnCell(Input, Hidden, Activation.Tanh, init: WeightInit.Keras, random: random);
        var cell = new UserElmanCell(Input, Hidden);
        reference.WeightIh.Value.CopyTo(cell.WeightIh.Value, 0);
        reference.WeightHh.Value.CopyTo(cell.WeightHh.Value, 0);
        return cell;
    }

    /// <summary>RMSE of the autoregressive rollout over [0, 10π): 20 true values, then the model's own predictions.</summary>
    private static double RolloutRmse(ILayer network)
    {
        double[] truth = [.. SineWindows.Arange(0, 10 * Math.PI, 0.1).Select(Math.Sin)];
        var series = truth[..Window].ToList();
        var input = new Tensor(1, Window, 1);
        double sum = 0;
        for (int i = Window; i < truth.Length; i++)
        {
            series.GetRange(series.Count - Window, Window).CopyTo(input.Data);
            double next = network.Forward(input).Data[0];
            series.Add(next);
            sum += (next - truth[i]) * (next - truth[i]);
        }
        return Math.Sqrt(sum / (truth.Length - Window));
    }
}
