using System.Diagnostics;
using RnnNotebooks.Data;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Training;

namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>How the source trains: its sizes and rates (defaults are the post's).</summary>
public sealed record AdditionRecipe
{
    /// <summary>Hidden units.</summary>
    public int HiddenSize { get; init; } = 16;

    /// <summary>Training sums.</summary>
    public int TrainCount { get; init; } = 20_000;

    /// <summary>Held-out sums for the honest scores.</summary>
    public int TestCount { get; init; } = 1_000;

    /// <summary>Passes over the training sums, one example per SGD step, in a fixed order.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Starting learning rate (halved whenever the logged loss rises).</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Examples the source's lenient accuracy looks at (the first ones of the training set).</summary>
    public int LenientCount { get; init; } = 1_000;
}

/// <summary>Everything one training run of the binary-addition network produced.</summary>
/// <param name="Order">The bit order the sums were fed in.</param>
/// <param name="Recipe">Sizes and rates used.</param>
/// <param name="Model">The trained network.</param>
/// <param name="LossBeforeEpoch">Training-set loss before each epoch (the source's log), then one more after the last epoch.</param>
/// <param name="LearningRates">The learning rate of each epoch.</param>
/// <param name="Train">The training sums.</param>
/// <param name="HeldOut">Sums not in the training set.</param>
/// <param name="LenientAccuracy">The source's measure on the first training sums.</param>
/// <param name="BitAccuracy">Fraction of held-out bits right.</param>
/// <param name="WholeSumAccuracy">Fraction of held-out sums entirely right.</param>
/// <param name="AccuracyBySignificance">Held-out accuracy per bit, element 0 the 1s bit.</param>
/// <param name="HeldOutLoss">Mean per-bit cross-entropy on the held-out sums.</param>
/// <param name="Seconds">Wall-clock training time.</param>
public sealed record AdditionResult(
    BitOrder Order, AdditionRecipe Recipe, Sequential Model, IReadOnlyList<double> LossBeforeEpoch, IReadOnlyList<double> LearningRates,
    Dataset Train, Dataset HeldOut, double LenientAccuracy, double BitAccuracy, double WholeSumAccuracy,
    IReadOnlyList<double> AccuracyBySignificance, double HeldOutLoss, double Seconds)
{
    /// <summary>The training loss after the last epoch.</summary>
    public double FinalLoss => LossBeforeEpoch[^1];

    /// <summary>Perplexity per bit after training, <c>e^FinalLoss</c>.</summary>
    public double Perplexity => AdditionScores.Perplexity(FinalLoss);
}

/// <summary>The source's experiment end to end: data, network, one-example SGD with its schedule, and the scores.</summary>
public static class BinaryAdditionRun
{
    /// <summary>
    /// Draws from one <see cref="NumPyRandom"/> seeded with <paramref name="seed"/>, in order: the training pairs,
    /// the weights (U, W, V) and the held-out pairs, so both bit orders see the same sums and the same
    /// starting weights. Trains with plain SGD on the summed per-step cross-entropy of one example at a time,
    /// unshuffled, logging the training loss before each epoch and halving the rate when it rises.
    /// </summary>
    /// <param name="order">Bit order fed to the network.</param>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="recipe">Sizes and rates; the source's when null.</param>
    /// <param name="onLogged">Progress: (epoch, loss before it, learning rate), and once more after the last epoch.</param>
    public static AdditionResult Run(BitOrder order, uint seed, AdditionRecipe? recipe = null, Action<int, double, double>? onLogged = null)
    {
        recipe ??= new AdditionRecipe();
        var random = new NumPyRandom(seed);
        Dataset train = Data.BinaryAddition.Generate(random, recipe.TrainCount, order);
        Sequential model = AdditionNetwork.Create(recipe.HiddenSize, random);
        Dataset heldOut = HeldOutSums.Draw(random, train, recipe.TestCount, order);

        var optimizer = new Sgd(model.Parameters, recipe.LearningRate);
        var log = new LossBeforeEachEpoch(train, onLogged);
        var clock = Stopwatch.StartNew();
        Trainer.Fit(model, new SoftmaxCrossEntropy(Reduction.Sum), optimizer, train,
            new FitOptions { Epochs = recipe.Epochs, BatchSize = 1, Shuffle = false, Callbacks = [log] });
        double seconds = clock.Elapsed.TotalSeconds;
        double final = log.Measure(model);
        onLogged?.Invoke(recipe.Epochs, final, optimizer.LearningRate);

        int lenientCount = Math.Min(recipe.LenientCount, train.Count);
        var firstTrain = train.Subset(Enumerable.Range(0, lenientCount).ToArray());
        double lenient = AdditionScores.LenientAccuracy(AdditionScores.PredictBits(model, firstTrain.Inputs), firstTrain.Targets);
        Tensor predicted = AdditionScores.PredictBits(model, heldOut.Inputs);
        double heldOutLoss = Trainer.Evaluate(model, new SoftmaxCrossEntropy(), heldOut, batchSize: 1000)["loss"];
        return new AdditionResult(order, recipe, model, [.. log.Losses, final], log.LearningRates, train, heldOut, lenient,
            AdditionScores.BitAccuracy(predicted, heldOut.Targets), AdditionScores.WholeSumAccuracy(predicted, heldOut.Targets),
            AdditionScores.AccuracyBySignificance(predicted, heldOut.Targets, order), heldOutLoss, seconds);
    }
}
