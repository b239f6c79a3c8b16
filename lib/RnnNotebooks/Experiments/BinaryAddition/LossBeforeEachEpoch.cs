using RnnNotebooks.Data;
using RnnNotebooks.Losses;
using RnnNotebooks.Training;

namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>
/// The source's training log and schedule as a callback: before every epoch it measures the mean
/// per-step cross-entropy over the whole training set, records it, and halves the learning rate
/// when that loss is higher than the one before.
/// </summary>
/// <param name="train">The training set the loss is measured on.</param>
/// <param name="onLogged">Called after each measurement with (epoch, loss, learning rate now in force).</param>
public sealed class LossBeforeEachEpoch(Dataset train, Action<int, double, double>? onLogged = null) : Callback
{
    private readonly Dataset _train = train ?? throw new ArgumentNullException(nameof(train));
    private readonly SoftmaxCrossEntropy _loss = new(Reduction.Mean);
    private readonly List<double> _losses = [];
    private readonly List<double> _rates = [];

    /// <summary>The loss measured before each epoch so far (index = epoch).</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <summary>The learning rate used in each epoch so far.</summary>
    public IReadOnlyList<double> LearningRates => _rates;

    /// <inheritdoc />
    public override void OnEpochBegin(TrainingContext context, int epoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        double loss = Measure(context.Model);
        if (_losses.Count > 0 && loss > _losses[^1]) context.Optimizer.LearningRate *= 0.5;
        _losses.Add(loss);
        _rates.Add(context.Optimizer.LearningRate);
        onLogged?.Invoke(epoch, loss, context.Optimizer.LearningRate);
    }

    /// <summary>The mean per-step cross-entropy of <paramref name="model"/> on the training set.</summary>
    public double Measure(ILayer model) => Trainer.Evaluate(model, _loss, _train, batchSize: 1000)["loss"];
}
