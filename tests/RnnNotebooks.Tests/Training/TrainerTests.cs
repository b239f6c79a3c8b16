using RnnNotebooks.Data;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Trainers;

public class TrainerTests
{
    // y = 2·x0 − x1 + 0.5 plus a little noise.
    private static Dataset Regression(int n, uint seed = 1)
    {
        var random = new NumPyRandom(seed);
        var x = new Tensor(n, 2);
        var y = new Tensor(n, 1);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = random.NextGaussian();
            x[i, 1] = random.NextGaussian();
            y[i, 0] = 2 * x[i, 0] - x[i, 1] + 0.5 + 0.01 * random.NextGaussian();
        }
        return new Dataset(x, y);
    }

    // Class = which of three features is largest.
    private static Dataset Classification(int n, uint seed)
    {
        var random = new NumPyRandom(seed);
        var x = new Tensor(n, 3);
        var y = new Tensor(n);
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < 3; f++) x[i, f] = random.NextGaussian();
            y.Data[i] = x.Data.AsSpan(i * 3, 3).IndexOf(Math.Max(x[i, 0], Math.Max(x[i, 1], x[i, 2])));
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void Fit_learns_and_records_loss_per_epoch()
    {
        var model = new TinyLinear(2, 1);
        var history = Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.1), Regression(200),
            new FitOptions { Epochs = 20, BatchSize = 16, Seed = 3 });
        Assert.Equal(["loss"], history.Keys);
        Assert.Equal(20, history.Epochs);
        Assert.True(history.Loss[^1] < 1e-3, $"final loss {history.Loss[^1]}");
        Assert.True(history.Loss[^1] < history.Loss[0] / 100);
        Assert.Equal(2.0, model.Parameters[0].Value[0], 0.02);
        Assert.Contains("'loss'", Assert.Throws<KeyNotFoundException>(() => history["accuracy"]).Message);
    }

    [Fact]
    public void The_same_seed_gives_an_identical_history_and_another_seed_does_not()
    {
        History Run(uint seed)
        {
            var model = new TinyLinear(3, 3, seed: 7);
            return Trainer.Fit(model, new TinyCrossEntropy(), new Adam(model.Parameters, 0.01), Classification(150, 5),
                new FitOptions { Epochs = 5, BatchSize = 8, Seed = seed, Metrics = [new Accuracy()], Validation = Classification(60, 6) });
        }
        var a = Run(42).ToDictionary();
        var b = Run(42).ToDictionary();
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], a.Keys);
        foreach (var key in a.Keys) Assert.Equal(a[key], b[key]);
        Assert.NotEqual(a["loss"], Run(43).ToDictionary()["loss"]);
        Assert.True(a["val_accuracy"][^1] > 0.8, $"val accuracy {a["val_accuracy"][^1]}");
    }

    [Fact]
    public void The_last_partial_batch_is_kept_and_samples_are_reshuffled_every_epoch()
    {
        var data = Regression(10);
        var model = new TinyLinear(2, 1) { Record = true };
        var sizes = new List<(int Epoch, int Size)>();
        Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.0), data, new FitOptions
        {
            Epochs = 2, BatchSize = 4, Seed = 1,
            Callbacks = [new LambdaCallback(onBatchEnd: b => sizes.Add((b.Epoch, b.Size)))],
        });
        Assert.Equal([(0, 4), (0, 4), (0, 2), (1, 4), (1, 4), (1, 2)], sizes);
        var seen = model.SeenFirstFeatures;
        Assert.Equal(20, seen.Count);
        Assert.Equal(data.Inputs.Data.Where((_, i) => i % 2 == 0).Order(), seen.Take(10).Order());
        Assert.NotEqual(seen.Take(10), seen.Skip(10));
        var order = new NumPyRandom(1).Permutation(10);
        Assert.Equal(order.Select(i => data.Inputs[i, 0]), seen.Take(10));
    }

    [Fact]
    public void Without_shuffling_samples_come_in_order()
    {
        var data = Regression(7);
        var model = new TinyLinear(2, 1) { Record = true };
        Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.0), data, new FitOptions { BatchSize = 3, Shuffle = false });
        Assert.Equal(Enumerable.Range(0, 7).Select(i => data.Inputs[i, 0]), model.SeenFirstFeatures);
    }

    [Fact]
    public void A_nan_loss_stops_training_naming_the_epoch_and_batch()
    {
        var data = Regression(10);
        data.Targets.Data[5] = double.NaN;
        var model = new TinyLinear(2, 1);
        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.01), data,
            new FitOptions { Epochs = 3, BatchSize = 2, Shuffle = false }));
        Assert.Equal(0, ex.Epoch);
        Assert.Equal(2, ex.Batch);
        Assert.Contains("epoch 1/3", ex.Message);
        Assert.Contains("batch 3/5", ex.Message);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void A_loss_that_explodes_stops_training_at_the_batch_where_it_overflows()
    {
        var model = new TinyLinear(2, 1);
        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 50), Regression(64),
            new FitOptions { Epochs = 50, BatchSize = 8 }));
        Assert.True(double.IsInfinity(ex.Value) || double.IsNaN(ex.Value));
        Assert.Contains($"batch {ex.Batch + 1}/8", ex.Message);
    }

    [Fact]
    public void A_non_finite_gradient_norm_stops_training_when_clipping()
    {
        var model = new TinyLinear(2, 1);
        var options = new FitOptions { Epochs = 2, BatchSize = 4, ClipGradNorm = 1.0 };
        var ex = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Fit(model, new NanGradientLoss(), new Sgd(model.Parameters, 0.01), Regression(8), options));
        Assert.Equal("gradient norm", ex.Quantity);
        Assert.Equal((0, 0), (ex.Epoch, ex.Batch));
        Assert.Contains("gradient norm became NaN at epoch 1/2, batch 1/2", ex.Message);
    }

    // A finite loss whose gradient is NaN: only the clipping check can see it.
    private sealed class NanGradientLoss : ILoss
    {
        private Tensor? _grad;

        public double Forward(Tensor prediction, Tensor target)
        {
            _grad ??= new Tensor([.. prediction.Shape]);
            Array.Fill(_grad.Data, double.NaN);
            return 1.0;
        }

        public Tensor Backward() => _grad!;
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        var model = new TinyLinear(2, 1);
        var sgd = new Sgd(model.Parameters, 0.1);
        var data = Regression(4);
        Assert.Contains("got 0", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, new TinyMse(), sgd, data, new FitOptions { Epochs = 0 })).Message);
        Assert.Contains("got -1", Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, new TinyMse(), sgd, data, new FitOptions { BatchSize = -1 })).Message);
        Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(model, new TinyMse(), sgd, data, new FitOptions { Metrics = [new Accuracy("loss")] }));
    }

    [Fact]
    public void Training_batches_allocate_nothing_beyond_the_model()
    {
        var model = new TinyLinear(3, 3);
        var marks = new long[40];
        var callback = new LambdaCallback(onBatchEnd: b => marks[b.Batch] = GC.GetAllocatedBytesForCurrentThread());
        Trainer.Fit(model, new TinyCrossEntropy(), new Adam(model.Parameters), Classification(40, 2),
            new FitOptions { BatchSize = 1, Metrics = [new Accuracy()], ClipGradNorm = 5, Callbacks = [callback] });
        // The first batches warm up lazily created buffers; after that, nothing.
        Assert.Equal(0, marks[^1] - marks[5]);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement()
    {
        var model = new TinyLinear(2, 1);
        var stop = new EarlyStopping("val_loss", patience: 2);
        var history = Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.0), Regression(20),
            new FitOptions { Epochs = 30, Validation = Regression(10, 2), Callbacks = [stop] });
        Assert.Equal(3, history.Epochs);
        Assert.Equal(0, stop.BestEpoch);
        Assert.Equal(2, stop.StoppedEpoch);

        var missing = new EarlyStopping("val_loss");
        var ex = Assert.Throws<KeyNotFoundException>(() => Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 0.0), Regression(20),
            new FitOptions { Callbacks = [missing] }));
        Assert.Contains("'loss'", ex.Message);
        Assert.Contains("Validation", ex.Message);
    }

    [Fact]
    public void Early_stopping_can_restore_the_best_weights()
    {
        var model = new TinyLinear(2, 1);
        double[]? afterFirst = null;
        var snapshot = new LambdaCallback(onEpochEnd: (epoch, _) => { if (epoch == 0) afterFirst = (double[])model.Parameters[0].Value.Clone(); });
        var stop = new EarlyStopping("loss", patience: 3, restoreBestWeights: true);
        // Too large a step: the loss grows after the first epoch but stays finite for a few epochs.
        var history = Trainer.Fit(model, new TinyMse(), new Sgd(model.Parameters, 3.0), Regression(32),
            new FitOptions { Epochs = 6, BatchSize = 32, Shuffle = false, Callbacks = [snapshot, stop] });
        Assert.Equal(0, stop.BestEpoch);
        Assert.Equal(4, history.Epochs);
        Assert.Equal(afterFirst, model.Parameters[0].Value);
    }

    [Fact]
    public void Evaluate_and_predict_agree_with_a_single_forward_pass()
    {
        var data = Classification(23, 8);
        var model = new TinyLinear(3, 3, seed: 2);
        var whole = model.Forward(data.Inputs).Clone();
        var predicted = Trainer.Predict(model, data.Inputs, batchSize: 5);
        Assert.Equal([23, 3], predicted.Shape);
        Assert.Equal(whole.Data, predicted.Data);

        var accuracy = new Accuracy();
        accuracy.Update(whole, data.Targets);
        double loss = new TinyCrossEntropy().Forward(whole, data.Targets);
        var logs = Trainer.Evaluate(model, new TinyCrossEntropy(), data, batchSize: 4, metrics: [new Accuracy()]);
        Assert.Equal(loss, logs["loss"], 1e-14);
        Assert.Equal(accuracy.Result, logs["accuracy"]);
    }
}
