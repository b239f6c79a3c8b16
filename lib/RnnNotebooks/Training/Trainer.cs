using System.Runtime.CompilerServices;
using RnnNotebooks.Data;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;

namespace RnnNotebooks.Training;

/// <summary>
/// Trains, evaluates and runs a model kept separate from it, as Keras's <c>fit</c>, <c>evaluate</c> and
/// <c>predict</c>. Batches are copied into tensors allocated once per call, so a training batch
/// allocates nothing beyond what the model and loss do themselves.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>: for every batch, zero the gradients,
    /// forward, loss, backward, optional clipping, optimizer step. Returns the per-epoch history
    /// (<c>"loss"</c>, each metric, and with validation data <c>"val_loss"</c>, <c>"val_…"</c>); the epoch
    /// loss is the sample-weighted mean of the batch losses.
    /// </summary>
    /// <exception cref="ArgumentException">Bad options, or data whose shape the model or loss rejects.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the gradient norm became NaN or infinite; names the epoch and batch.</exception>
    public static History Fit(ILayer model, ILoss loss, IOptimizer optimizer, Dataset train, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new FitOptions();
        Validate(options);

        var batcher = train.Batches(options.BatchSize);
        var valBatcher = options.Validation?.Batches(options.BatchSize);
        int[] order = new int[train.Count];
        int[]? valOrder = options.Validation is null ? null : Identity(options.Validation.Count);
        var random = new NumPyRandom(options.Seed);
        var history = new History();
        var context = new TrainingContext(model, optimizer, history, options.Epochs, batcher.BatchCount);
        var keys = Keys(options);
        // Indexed loops below: foreach over an interface list would allocate an enumerator per batch.
        var metrics = options.Metrics;
        var callbacks = options.Callbacks;
        // The running code's token, read once: looking it up costs more than a one-sample batch.
        var cancellation = AmbientCancellation.Token;

        foreach (var c in options.Callbacks) c.OnTrainBegin(context);
        for (int epoch = 0; epoch < options.Epochs && !context.StopTraining; epoch++)
        {
            foreach (var c in options.Callbacks) c.OnEpochBegin(context, epoch);
            for (int i = 0; i < order.Length; i++) order[i] = i;
            if (options.Shuffle) random.Shuffle<int>(order);
            foreach (var m in options.Metrics) m.Reset();

            double lossSum = 0;
            for (int b = 0; b < batcher.BatchCount; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                var (x, y) = batcher.Fill(order, b);
                int size = x.Shape[0];
                optimizer.ZeroGrad();
                Tensor prediction = model.Forward(x);
                double batchLoss = loss.Forward(prediction, y);
                if (!double.IsFinite(batchLoss))
                    throw new TrainingDivergedException("loss", batchLoss, epoch, b, batcher.BatchCount, options.Epochs);
                for (int m = 0; m < metrics.Count; m++) metrics[m].Update(prediction, y);
                model.Backward(loss.Backward());
                if (options.ClipGradValue is double clipValue) GradientClipping.ClipByValue(optimizer.Parameters, clipValue);
                if (options.ClipGradNorm is double maxNorm)
                {
                    double norm = GradientClipping.ClipByGlobalNorm(optimizer.Parameters, maxNorm);
                    if (!double.IsFinite(norm))
                        throw new TrainingDivergedException("gradient norm", norm, epoch, b, batcher.BatchCount, options.Epochs);
                }
                optimizer.Step();
                lossSum += batchLoss * size;
                var result = new BatchResult(epoch, b, batcher.BatchCount, size, batchLoss);
                for (int c = 0; c < callbacks.Count; c++) callbacks[c].OnBatchEnd(context, result);
            }

            var logs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossSum / train.Count };
            foreach (var m in options.Metrics) logs[m.Name] = m.Result;
            if (valBatcher is not null)
            {
                var val = Run(model, loss, options.Validation!, valBatcher, valOrder!, options.Metrics);
                foreach (var (k, v) in val) logs["val_" + k] = v;
            }
            history.Append(logs, keys);
            foreach (var c in options.Callbacks) c.OnEpochEnd(context, epoch, logs);
        }
        foreach (var c in options.Callbacks) c.OnTrainEnd(context);
        return history;
    }

    /// <summary>
    /// The loss and metrics of <paramref name="model"/> on <paramref name="data"/>, in batches of
    /// <paramref name="batchSize"/> (no gradients, no updates): keys <c>"loss"</c> and each metric's name.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(ILayer model, ILoss loss, Dataset data, int batchSize = 32,
        IReadOnlyList<IMetric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        return Run(model, loss, data, data.Batches(batchSize), Identity(data.Count), metrics ?? []);
    }

    /// <summary>
    /// The model's outputs for every sample of <paramref name="inputs"/> (<c>[N, …]</c>), computed in
    /// batches of <paramref name="batchSize"/> and stacked into one tensor <c>[N, …]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs are empty, or the model's outputs change shape between batches.</exception>
    public static Tensor Predict(ILayer model, Tensor inputs, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var data = new Dataset(inputs, new Tensor(inputs.Shape[0], 1));
        var batcher = data.Batches(batchSize);
        int[] order = Identity(data.Count);
        Tensor? result = null;
        int sampleSize = 0;
        var cancellation = AmbientCancellation.Token;
        for (int b = 0; b < batcher.BatchCount; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (x, _) = batcher.Fill(order, b);
            Tensor output = model.Forward(x);
            if (output.Shape[0] != x.Shape[0])
                throw new ArgumentException($"Expected the model to return {x.Shape[0]} rows for a batch of {x.Shape[0]}; got shape [{string.Join(", ", output.Shape)}].");
            if (result is null)
            {
                sampleSize = output.Length / output.Shape[0];
                result = new Tensor([data.Count, .. output.Shape.Skip(1)]);
            }
            else if (output.Length / output.Shape[0] != sampleSize)
            {
                throw new ArgumentException($"Expected every batch's output to hold {sampleSize} values per sample; got shape [{string.Join(", ", output.Shape)}] at batch {b}.");
            }
            output.Data.AsSpan().CopyTo(result.Data.AsSpan(b * batcher.BatchSize * sampleSize));
        }
        return result!;
    }

    private static Dictionary<string, double> Run(ILayer model, ILoss loss, Dataset data, DatasetBatcher batcher, int[] order,
        IReadOnlyList<IMetric> metrics)
    {
        foreach (var m in metrics) m.Reset();
        double lossSum = 0;
        var cancellation = AmbientCancellation.Token;
        for (int b = 0; b < batcher.BatchCount; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (x, y) = batcher.Fill(order, b);
            Tensor prediction = model.Forward(x);
            lossSum += loss.Forward(prediction, y) * x.Shape[0];
            for (int m = 0; m < metrics.Count; m++) metrics[m].Update(prediction, y);
        }
        var logs = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossSum / data.Count };
        foreach (var m in metrics) logs[m.Name] = m.Result;
        return logs;
    }

    private static void Validate(FitOptions options)
    {
        if (options.Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, $"Expected at least 1 epoch; got {options.Epochs}.");
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"Expected a batch size of at least 1; got {options.BatchSize}.");
        ArgumentNullException.ThrowIfNull(options.Callbacks);
        ArgumentNullException.ThrowIfNull(options.Metrics);
        var names = options.Metrics.Select(m => m.Name).ToList();
        string? clash = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1 || g.Key == "loss")?.Key;
        if (clash is not null)
            throw new ArgumentException($"Expected distinct metric names other than 'loss'; got [{string.Join(", ", names)}].", nameof(options));
    }

    private static List<string> Keys(FitOptions options)
    {
        var keys = new List<string> { "loss" };
        keys.AddRange(options.Metrics.Select(m => m.Name));
        if (options.Validation is not null)
        {
            keys.Add("val_loss");
            keys.AddRange(options.Metrics.Select(m => "val_" + m.Name));
        }
        return keys;
    }

    private static int[] Identity(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }
}
