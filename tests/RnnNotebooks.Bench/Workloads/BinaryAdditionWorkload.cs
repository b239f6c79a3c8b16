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

/// <summary>Seed 002: binary addition, 16 hidden units, one example at a time, 10 epochs × 20,000, in one bit order.</summary>
public sealed class BinaryAdditionWorkload(BitOrder order) : Workload
{
    private const int Examples = 20_000, Epochs = 10, Bits = 8, Hidden = 16, Input = 2, Output = 2, Truncate = 2;
    private const uint Seed = 2;

    /// <inheritdoc />
    public override string Name => order == BitOrder.LsbFirst ? "binary-addition-lsb" : "binary-addition-msb";

    /// <inheritdoc />
    public override string Description => $"seed 002: binary addition, RNN(16), SGD one example at a time, 10 × 20,000, {order}";

    /// <inheritdoc />
    public override double TargetSeconds => 1.0;

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
        // One generator draws the training pairs, then U, W, V, then held-out pairs, as notebook 04 does.
        var random = new NumPyRandom(Seed);
        Dataset train = BinaryAddition.Generate(random, Examples, order);
        var model = new Sequential(
            new SimpleRnn(Input, Hidden, Activation.Tanh, returnSequences: true, bias: false,
                init: WeightInit.UniformFanIn, random: random, bptt: Bptt.Window(Truncate)),
            new Dense(Hidden, Output, Activation.Linear, bias: false, init: WeightInit.UniformFanIn, random: random));
        Dataset heldOut = BinaryAddition.GenerateUnseen(random, train, 1000, order);
        var log = new LossBeforeEachEpoch(train);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Trainer.Fit(model, new SoftmaxCrossEntropy(Reduction.Sum), new Sgd(model.Parameters, 0.001), train,
            new FitOptions { Epochs = Epochs, BatchSize = 1, Shuffle = false, Callbacks = [log] });
        double seconds = clock.Elapsed.TotalSeconds;

        var bits = new Accuracy();
        Tensor logits = Trainer.Predict(model, heldOut.Inputs, batchSize: 1000);
        bits.Update(logits, heldOut.Targets);
        int wholeSums = 0;
        for (int n = 0; n < heldOut.Count; n++)
        {
            bool right = true;
            for (int t = 0; t < Bits; t++)
            {
                int i = n * Bits + t;
                right &= (logits.Data[2 * i + 1] > logits.Data[2 * i] ? 1 : 0) == (int)heldOut.Targets.Data[i];
            }
            if (right) wholeSums++;
        }
        return new Measurement(seconds, new Dictionary<string, object?>
        {
            ["loss_first"] = log.Losses[0],
            ["loss_epoch9"] = log.Losses[Math.Min(9, log.Losses.Count - 1)],
            ["bit_accuracy"] = bits.Result,
            ["sum_accuracy"] = (double)wholeSums / heldOut.Count,
        });
    }

    /// <summary>The blog's log and schedule: the mean loss per bit over the training set before each epoch, the rate halved when it rises.</summary>
    private sealed class LossBeforeEachEpoch(Dataset train) : Callback
    {
        public List<double> Losses { get; } = [];

        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            double loss = Trainer.Evaluate(context.Model, new SoftmaxCrossEntropy(), train, batchSize: 1000)["loss"];
            if (Losses.Count > 0 && loss > Losses[^1]) context.Optimizer.LearningRate *= 0.5;
            Losses.Add(loss);
        }
    }
}
