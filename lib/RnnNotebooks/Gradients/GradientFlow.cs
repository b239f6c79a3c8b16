using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Gradients;

/// <summary>
/// How much gradient reaches each time step of a recurrent layer: the size of ∂L/∂h_t, averaged over
/// the batch. With the loss at the last step only, this is the signal BPTT carries back to step t.
/// </summary>
public static class GradientFlow
{
    /// <summary>
    /// From the layer's last backward pass: for t = 1 … T, the batch mean of the Euclidean norm of
    /// ∂L/∂h_t (the hidden part of the state). Element t − 1 belongs to step t.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer has not run forward and backward.</exception>
    public static double[] StateGradientNorms(RecurrentLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var g = layer.StateGradients;   // [batch, time + 1, StateSize]
        int batch = g.Shape[0], steps = g.Shape[1] - 1, s = g.Shape[2], h = layer.Cell.HiddenSize;
        var norms = new double[steps];
        for (int b = 0; b < batch; b++)
            for (int t = 1; t <= steps; t++)
            {
                var row = g.Data.AsSpan((b * (steps + 1) + t) * s, h);
                norms[t - 1] += System.Numerics.Tensors.TensorPrimitives.Norm<double>(row) / batch;
            }
        return norms;
    }

    /// <summary>
    /// Runs <paramref name="model"/> (which contains <paramref name="recurrent"/>) forward and backward on one
    /// batch and returns <see cref="StateGradientNorms"/>. The model's parameter gradients are zeroed
    /// before and after, so training state is untouched.
    /// </summary>
    public static double[] Measure(ILayer model, RecurrentLayer recurrent, ILoss loss, Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recurrent);
        ArgumentNullException.ThrowIfNull(loss);
        if (!model.Parameters.Contains(recurrent.Parameters[0]))
            throw new ArgumentException("Expected the recurrent layer to be part of the model.", nameof(recurrent));
        foreach (var p in model.Parameters) p.ZeroGrad();
        loss.Forward(model.Forward(inputs), targets);
        model.Backward(loss.Backward());
        var norms = StateGradientNorms(recurrent);
        foreach (var p in model.Parameters) p.ZeroGrad();
        return norms;
    }
}
