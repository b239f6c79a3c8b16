using System.Text.Json;
using RnnNotebooks.Data;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.RandomSource;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Trainers;

/// <summary>
/// Notebook 04's training run, built from library parts as the notebook builds it, against a NumPy rendition of
/// the blog's from-scratch code (scripts/fixtures/numpy_binary_addition.py).
/// </summary>
public class BinaryAdditionReferenceTests
{
    private static readonly JsonElement Fixture = NumPyFixture.Load("numpy/binary_addition.json");

    /// <summary>The blog's log and schedule: the mean loss per bit before each epoch, the rate halved when it rises.</summary>
    private sealed class LossBeforeEachEpoch(Dataset train) : Callback
    {
        public List<double> Losses { get; } = [];
        public List<double> Rates { get; } = [];

        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            double loss = Trainer.Evaluate(context.Model, new SoftmaxCrossEntropy(), train, batchSize: 1000)["loss"];
            if (Losses.Count > 0 && loss > Losses[^1]) context.Optimizer.LearningRate *= 0.5;
            Losses.Add(loss);
            Rates.Add(context.Optimizer.LearningRate);
        }
    }

    public static TheoryData<int> Cases => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Training_matches_the_NumPy_reference_run(int index)
    {
        var c = Fixture.GetProperty("cases")[index];
        var order = c.GetProperty("lsb_first").GetBoolean() ? BitOrder.LsbFirst : BitOrder.MsbFirst;
        int hidden = c.GetProperty("hidden").GetInt32();
        var random = new NumPyRandom(c.GetProperty("seed").GetUInt32());
        var train = BinaryAddition.Generate(random, c.GetProperty("count").GetInt32(), order);
        var model = new Sequential(
            new SimpleRnn(2, hidden, Activation.Tanh, returnSequences: true, bias: false, init: WeightInit.UniformFanIn, random: random, bptt: Bptt.Window(2)),
            new Dense(hidden, 2, Activation.Linear, bias: false, init: WeightInit.UniformFanIn, random: random));
        var log = new LossBeforeEachEpoch(train);

        Trainer.Fit(model, new SoftmaxCrossEntropy(Reduction.Sum), new Sgd(model.Parameters, c.GetProperty("rates")[0].GetDouble()), train,
            new FitOptions { Epochs = c.GetProperty("epochs").GetInt32(), BatchSize = 1, Shuffle = false, Callbacks = [log] });
        double final = Trainer.Evaluate(model, new SoftmaxCrossEntropy(), train, batchSize: 1000)["loss"];

        Assert.Equal(c.GetProperty("rates").Doubles(), log.Rates);
        AssertClose(c.GetProperty("losses").Doubles(), [.. log.Losses, final], 1e-10);
        AssertClose(c.GetProperty("U").Doubles(), model.Parameters[0].Value, 1e-10);
        AssertClose(c.GetProperty("W").Doubles(), model.Parameters[1].Value, 1e-10);
        AssertClose(c.GetProperty("V").Doubles(), model.Parameters[2].Value, 1e-10);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Element {i}: expected {expected[i]:R}, got {actual[i]:R}.");
    }
}
