using RnnNotebooks.Data;

namespace RnnNotebooks.Training;

/// <summary>How <see cref="Trainer.Fit"/> trains: Keras's <c>fit</c> arguments.</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per batch; the last partial batch is kept.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reorder the samples before every epoch (as <c>np.random.permutation</c> from <see cref="Seed"/>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling; the same seed gives the same batches and so the same history.</summary>
    public uint Seed { get; init; }

    /// <summary>Data evaluated after every epoch, logged with a <c>"val_"</c> prefix.</summary>
    public Dataset? Validation { get; init; }

    /// <summary>Callbacks, called in order.</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];

    /// <summary>Metrics besides the loss, e.g. <c>[new Accuracy()]</c>.</summary>
    public IReadOnlyList<IMetric> Metrics { get; init; } = [];

    /// <summary>If set, gradients are rescaled to at most this global norm before each step.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>If set, every gradient entry is clamped to ± this value before each step.</summary>
    public double? ClipGradValue { get; init; }
}
