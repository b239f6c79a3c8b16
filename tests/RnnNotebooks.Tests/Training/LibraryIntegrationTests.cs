using RnnNotebooks.Data;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Trainers;

/// <summary>The trainer driving the library's own layers and losses along the notebooks' paths.</summary>
public class LibraryIntegrationTests
{
    [Fact]
    public void Full_batch_classic_rprop_through_the_trainer_reproduces_seed_004()
    {
        var model = new LinearRecurrence(wx: -1.5, wRec: 2);
        var history = Trainer.Fit(model, new MeanSquaredError(), new ClassicRprop(model.Parameters, 0.001, 0.5, 1.2), CountingOnes.Generate(),
            new FitOptions { Epochs = 500, BatchSize = 20, Shuffle = false });
        var weights = model.Parameters.Select(p => p.Value[0]).ToArray();
        Assert.Contains(1.001355547207059, weights.Select(w => Math.Round(w, 15)));
        Assert.Equal(new[] { 1.001355547207059, 0.9996744737846419 }.Order(), weights.Order(), new ToleranceComparer(1e-9));
        Assert.True(history.Loss[^1] < history.Loss[0] / 1e4);
    }

    [Fact]
    public void A_simple_rnn_learns_the_many_to_one_toy_rule()
    {
        var train = ManyToOneToy.Generate(400, 10, ToyLabelRule.SumAboveMean, seed: 3);
        var test = ManyToOneToy.Generate(200, 10, ToyLabelRule.SumAboveMean, seed: 30);
        var random = new NumPyRandom(1);
        var model = new Sequential(new SimpleRnn(1, 8, random: random), new Dense(8, 2, random: random));
        var history = Trainer.Fit(model, new SoftmaxCrossEntropy(), new Adam(model.Parameters, 0.02), train,
            new FitOptions { Epochs = 25, BatchSize = 20, Seed = 1, Metrics = [new Accuracy()], Validation = test });
        Assert.True(history["val_accuracy"][^1] >= 0.8, $"held-out accuracy {history["val_accuracy"][^1]}");
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
