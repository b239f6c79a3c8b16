namespace RnnNotebooks;

/// <summary>
/// A differentiable layer working on a batch. <see cref="Forward"/> remembers what
/// <see cref="Backward"/> needs; <see cref="Backward"/> adds into the parameters' gradients.
/// </summary>
public interface ILayer : IModule
{
    /// <summary>Computes the output for a batch (first dimension) and caches what the backward pass needs.</summary>
    Tensor Forward(Tensor input);

    /// <summary>
    /// Given dLoss/dOutput for the last <see cref="Forward"/>, accumulates parameter gradients
    /// and returns dLoss/dInput.
    /// </summary>
    Tensor Backward(Tensor outputGradient);
}
