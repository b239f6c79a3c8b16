namespace RnnNotebooks.Training;

/// <summary>Thrown when the loss (or the gradient norm being clipped) becomes NaN or infinite during training.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a non-finite <paramref name="quantity"/> at the given batch.</summary>
    /// <param name="quantity">What turned non-finite, e.g. <c>"loss"</c>.</param>
    /// <param name="value">Its value (NaN or ±∞).</param>
    /// <param name="epoch">Zero-based epoch index.</param>
    /// <param name="batch">Zero-based batch index within the epoch.</param>
    /// <param name="batchCount">Batches per epoch.</param>
    /// <param name="epochs">Epochs requested.</param>
    public TrainingDivergedException(string quantity, double value, int epoch, int batch, int batchCount, int epochs)
        : base($"Training diverged: the {quantity} became {value} at epoch {epoch + 1}/{epochs}, batch {batch + 1}/{batchCount}. " +
               "Expected a finite value; try a smaller learning rate, gradient clipping or checking the inputs for NaN.")
    {
        Quantity = quantity;
        Value = value;
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>What turned non-finite (<c>"loss"</c> or <c>"gradient norm"</c>).</summary>
    public string Quantity { get; }

    /// <summary>The non-finite value.</summary>
    public double Value { get; }

    /// <summary>Zero-based epoch index (the message shows it one-based).</summary>
    public int Epoch { get; }

    /// <summary>Zero-based batch index within the epoch (the message shows it one-based).</summary>
    public int Batch { get; }
}
