using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Data;
using RnnNotebooks.Random;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>
/// Seed 000: the document's one-unit network learns an EWMA with 1,000,000 one-sample SGD steps,
/// from the document's own draws. The PyTorch peer runs the same model and updates, so both sides
/// must end at the document's weights to the last digit.
/// </summary>
public sealed class EwmaToyNetwork : Workload
{
    private const int Samples = 10_000, Epochs = 100;
    private const double LearningRate = 0.001;

    /// <inheritdoc />
    public override string Name => "ewma";

    /// <inheritdoc />
    public override string Description => "seed 000: EWMA, the document's one-unit network, 1,000,000 one-sample SGD steps";

    /// <inheritdoc />
    public override double TargetSeconds => 0.05;

    /// <inheritdoc />
    public override string PeerScript => "ewma.py";

    /// <inheritdoc />
    public override FlopCount Flops => new(0, (double)Samples * Epochs * 14, "per step: 4 forward, 4 loss, 6 update");

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        var random = new NumPyRandom(1337);
        Dataset data = Ewma.Generate(random, Samples);
        // The document's draws after the samples: W_a, W_x, b and the fed-back a, in that order.
        double wa = random.NextDouble(), wx = random.NextDouble(), b = random.NextDouble(), a = random.NextDouble();
        double[] x = data.Inputs.Data, y = data.Targets.Data;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < Epochs; epoch++)
            for (int t = 0; t < x.Length; t++)
            {
                double yHat = wx * x[t] + wa * a + b;
                double error = y[t] - yHat;
                wa += error * a * LearningRate;
                wx += error * x[t] * LearningRate;
                b += error * LearningRate;
                a = yHat;
            }
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["W_a"] = wa,
            ["W_x"] = wx,
            ["b"] = b,
        });
    }
}
