using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Data;
using RnnNotebooks.Experiments.BinaryAddition;

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
        var run = BinaryAdditionRun.Run(order, Seed);
        return new Measurement(run.Seconds, new Dictionary<string, object?>
        {
            ["loss_first"] = run.LossBeforeEpoch[0],
            ["loss_epoch9"] = run.LossBeforeEpoch[Math.Min(9, run.LossBeforeEpoch.Count - 1)],
            ["bit_accuracy"] = run.BitAccuracy,
            ["sum_accuracy"] = run.WholeSumAccuracy,
        });
    }
}
