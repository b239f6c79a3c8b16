namespace RnnNotebooks.Training;

/// <summary>One finished training batch, as callbacks see it.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Batch">Zero-based batch index within the epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="Size">Samples in this batch.</param>
/// <param name="Loss">This batch's loss.</param>
public readonly record struct BatchResult(int Epoch, int Batch, int BatchCount, int Size, double Loss);
