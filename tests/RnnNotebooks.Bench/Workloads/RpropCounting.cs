using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Data;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>Seed 004: the linear RNN that counts ones, 500 full-batch Rprop iterations on 20 × 10 from (-1.5, 2).</summary>
public sealed class RpropCounting : Workload
{
    private const int Iterations = 500, Rows = 20, Length = 10;

    /// <inheritdoc />
    public override string Name => "rprop";

    /// <inheritdoc />
    public override string Description => "seed 004: linear RNN counting ones, 500 Rprop iterations on 20 × 10";

    /// <inheritdoc />
    public override Target Target => new Target.Seconds(0.005);

    /// <inheritdoc />
    public override string PeerScript => "rprop_counting.py";

    /// <inheritdoc />
    public override FlopCount Flops => new(0, (double)Iterations * Rows * Length * 10, "per element and iteration: 3 forward, 5 backward, 2 loss");

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        Dataset data = CountingOnes.Generate();
        var model = new LinearRecurrence(wx: -1.5, wRec: 2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Trainer.Fit(model, new MeanSquaredError(), new ClassicRprop(model.Parameters, initialStep: 0.001), data,
            new FitOptions { Epochs = Iterations, BatchSize = Rows, Shuffle = false });
        double seconds = clock.Elapsed.TotalSeconds;

        var test = new Tensor([0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1], 1, 12, 1);
        double output = model.Forward(test).Data[0];
        var named = model.Parameters.ToDictionary(p => p.Name, p => p.Value[0]);
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["weights"] = string.Join(", ", named.Select(p => $"{p.Key}={p.Value:R}")),
            ["test_output"] = output,
        });
    }
}
