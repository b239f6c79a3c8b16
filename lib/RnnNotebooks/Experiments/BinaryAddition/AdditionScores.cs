using RnnNotebooks.Data;
using RnnNotebooks.Training;

namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>
/// Ways to score predicted sum bits: the source's lenient count and the honest ones. Bits are
/// <c>[N, steps]</c> tensors of 0/1 in time order (the order they were fed).
/// </summary>
public static class AdditionScores
{
    /// <summary>The predicted bit per step (the more probable of the two classes): <c>[N, steps]</c>.</summary>
    /// <exception cref="ArgumentException">The model does not return two logits per step.</exception>
    public static Tensor PredictBits(ILayer model, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        Tensor logits = Trainer.Predict(model, inputs, batchSize: 1000);
        if (logits.Rank != 3 || logits.Shape[2] != 2)
            throw new ArgumentException($"Expected logits [N, steps, 2]; got [{string.Join(", ", logits.Shape)}].", nameof(model));
        int n = logits.Shape[0], steps = logits.Shape[1];
        var bits = new Tensor(n, steps);
        for (int i = 0; i < n * steps; i++) bits.Data[i] = logits.Data[2 * i + 1] > logits.Data[2 * i] ? 1 : 0;
        return bits;
    }

    /// <summary>
    /// The source's accuracy: an example counts as wrong only when its predicted bits add up to more
    /// than its true bits (<c>Σ(predicted − true) &gt; 0.1</c>), so a prediction with ones missing, or
    /// with ones in the wrong places, still counts as right.
    /// </summary>
    public static double LenientAccuracy(Tensor predicted, Tensor target)
    {
        var (n, steps) = Check(predicted, target);
        int wrong = 0;
        for (int e = 0; e < n; e++)
        {
            double surplus = 0;
            for (int t = 0; t < steps; t++) surplus += predicted.Data[e * steps + t] - target.Data[e * steps + t];
            if (surplus > 0.1) wrong++;
        }
        return 1.0 - (double)wrong / n;
    }

    /// <summary>The fraction of all predicted bits that are right.</summary>
    public static double BitAccuracy(Tensor predicted, Tensor target)
    {
        var (n, steps) = Check(predicted, target);
        int right = 0;
        for (int i = 0; i < n * steps; i++) if (predicted.Data[i] == target.Data[i]) right++;
        return (double)right / (n * steps);
    }

    /// <summary>The fraction of examples whose every bit is right: sums computed exactly.</summary>
    public static double WholeSumAccuracy(Tensor predicted, Tensor target)
    {
        var (n, steps) = Check(predicted, target);
        int right = 0;
        for (int e = 0; e < n; e++)
        {
            bool all = true;
            for (int t = 0; t < steps && all; t++) all = predicted.Data[e * steps + t] == target.Data[e * steps + t];
            if (all) right++;
        }
        return (double)right / n;
    }

    /// <summary>
    /// Accuracy per bit position, indexed by significance (element 0 is the 1s bit, element 7 the 128s
    /// bit) whatever order the bits were fed in.
    /// </summary>
    public static double[] AccuracyBySignificance(Tensor predicted, Tensor target, BitOrder order)
    {
        var (n, steps) = Check(predicted, target);
        var accuracy = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            int right = 0;
            for (int e = 0; e < n; e++) if (predicted.Data[e * steps + t] == target.Data[e * steps + t]) right++;
            int significance = order == BitOrder.LsbFirst ? t : steps - 1 - t;
            accuracy[significance] = (double)right / n;
        }
        return accuracy;
    }

    /// <summary>Perplexity of a mean cross-entropy <paramref name="meanLoss"/> (in nats): <c>e^loss</c>, the effective number of equally likely choices per bit.</summary>
    public static double Perplexity(double meanLoss) => Math.Exp(meanLoss);

    private static (int N, int Steps) Check(Tensor predicted, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        if (predicted.Rank != 2 || !predicted.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"Expected predicted and true bits of the same shape [N, steps]; got [{string.Join(", ", predicted.Shape)}] and [{string.Join(", ", target.Shape)}].");
        return (predicted.Shape[0], predicted.Shape[1]);
    }
}
