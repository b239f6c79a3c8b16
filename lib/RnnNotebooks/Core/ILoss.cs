namespace RnnNotebooks;

/// <summary>A scalar loss over a batch of predictions and targets, with its gradient.</summary>
public interface ILoss
{
    /// <summary>The loss, averaged as the loss documents, for one batch.</summary>
    double Forward(Tensor prediction, Tensor target);

    /// <summary>dLoss/dPrediction for the last <see cref="Forward"/>.</summary>
    Tensor Backward();
}
