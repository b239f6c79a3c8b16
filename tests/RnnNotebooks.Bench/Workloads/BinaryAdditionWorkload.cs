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

/// <summary>
/// Seed 002 built from the public API: SimpleRnn(2→16, tanh, no bias, window BPTT of 2) and Dense(16→2), plain SGD on one
/// example at a time, 10 epochs × 20,000 sums, the training loss measured before each epoch and the rate halved when it rises.
/// </summary>
public sealed class BinaryAdditionWorkload(BitOrder order) : Workload
{
    private const int Examples = 20_000, Epochs = 10, Bits = 8, Hidden = 16, Input = 2, Output = 2, Truncate = 2;
    private const uint Seed = 2;

    /// <inheritdoc />
    public override string Name => order == BitOrder.LsbFirst ? "binary-addition-lsb" : "binary-addition-msb";

    /// <inheritdoc />
    public override string Description => $"seed 002: binary addition, SimpleRnn(16), SGD one example at a time, 10 × 20,000, {order}";

    /// <inheritdoc />
    public override Target Target => new Target.Seconds(0.5);

    /// <inheritdoc />
    public override string PeerScript => "binary_addition.py";

    /// <inheritdoc />
    public override IReadOnlyList<string> PeerArguments => [order == BitOrder.LsbFirst ? "lsb" : "msb", Seed.ToString()];

    /// <inheritdoc />
    public override FlopCount Flops
    {
        get
        {
            double step = 2.0 * Hidden * (Input + Hidden) + 2.0 * Output * Hidden;       // forward of one step
            double stepBack = 2.0 * Hidden * (Input + Hidden) + 2.0 * Hidden * Hidden;   // dW_ih, dW_hh, dh
            double perExample = Bits * (step + 2.0 * Output * Hidden + (Truncate + 1) * stepBack);
            double evaluation = (double)Epochs * Examples * Bits * step;                // loss logged before each epoch
            return new FlopCount((double)Epochs * Examples * perExample + evaluation,
                (double)Epochs * Examples * Bits * (Hidden * 6 + Output * 6),
                $"{Epochs} × {Examples} examples × {Bits} steps, BPTT {Truncate} steps back from each output, plus a loss pass per epoch");
        }
    }

    /// <inheritdoc />
    public override Measurement RunOurs(Repository repository)
    {
        var random = new NumPyRandom(Seed);
        Dataset train = BinaryAddition.Generate(random, Examples, order);
        var model = new Sequential(
            new SimpleRnn(Input, Hidden, Activation.Tanh, returnSequences: true, bias: false, init: WeightInit.UniformFanIn,
                random: random, bptt: Bptt.Window(Truncate)),
            new Dense(Hidden, Output, Activation.Linear, bias: false, init: WeightInit.UniformFanIn, random: random));
        Dataset heldOut = BinaryAddition.Generate(random, 1000, order);
        var optimizer = new Sgd(model.Parameters, 0.001);
        var meanLoss = new SoftmaxCrossEntropy();
        var losses = new List<double>();
        var log = new LambdaCallback(onEpochBegin: _ =>
        {
            double loss = Trainer.Evaluate(model, meanLoss, train, batchSize: 1000)["loss"];
            if (losses.Count > 0 && loss > losses[^1]) optimizer.LearningRate *= 0.5;
            losses.Add(loss);
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Trainer.Fit(model, new SoftmaxCrossEntropy(Reduction.Sum), optimizer, train,
            new FitOptions { Epochs = Epochs, BatchSize = 1, Shuffle = false, Callbacks = [log] });
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["loss_first"] = losses[0],
            ["loss_epoch9"] = losses[^1],
            ["bit_accuracy"] = BitAccuracy(model, heldOut),
        });
    }

    /// <summary>The share of bits whose larger logit is the right one, over sums drawn after training's.</summary>
    private static double BitAccuracy(ILayer model, Dataset data)
    {
        var logits = Trainer.Predict(model, data.Inputs, batchSize: 1000).Data;
        var bits = data.Targets.Data;
        int right = 0;
        for (int i = 0; i < bits.Length; i++)
            if ((logits[2 * i + 1] > logits[2 * i] ? 1 : 0) == (int)bits[i]) right++;
        return (double)right / bits.Length;
    }
}
