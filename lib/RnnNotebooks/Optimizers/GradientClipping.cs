using System.Numerics.Tensors;

namespace RnnNotebooks.Optimizers;

/// <summary>Gradient clipping over a flat parameter list, as <c>torch.nn.utils.clip_grad_norm_</c> / <c>clip_grad_value_</c>.</summary>
public static class GradientClipping
{
    /// <summary>The Euclidean norm of all gradients taken together as one vector.</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double sum = 0;
        for (int i = 0; i < parameters.Count; i++)
            sum += TensorPrimitives.SumOfSquares<double>(parameters[i].Grad);
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Rescales all gradients together so their global norm is at most <paramref name="maxNorm"/>
    /// (scale <c>maxNorm / (norm + 1e-6)</c> when below 1, as torch does) and returns the norm
    /// measured before clipping. If that norm is NaN or infinite the gradients are left untouched,
    /// so the caller can see and report the divergence.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite.</exception>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"Expected a positive, finite maximum norm; got {maxNorm}.");
        double norm = GlobalNorm(parameters);
        if (!double.IsFinite(norm)) return norm;
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
        {
            for (int i = 0; i < parameters.Count; i++)
                TensorPrimitives.Multiply<double>(parameters[i].Grad, scale, parameters[i].Grad);
        }
        return norm;
    }

    /// <summary>Clamps every gradient entry into [−<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative or not finite.</exception>
    public static void ClipByValue(IReadOnlyList<Parameter> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clipValue >= 0) || !double.IsFinite(clipValue))
            throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, $"Expected a non-negative, finite clip value; got {clipValue}.");
        for (int i = 0; i < parameters.Count; i++)
        {
            var g = parameters[i].Grad.AsSpan();
            for (int j = 0; j < g.Length; j++) g[j] = Math.Clamp(g[j], -clipValue, clipValue);
        }
    }
}
