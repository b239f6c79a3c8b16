using RnnNotebooks.Data;

namespace RnnNotebooks.Experiments.ManyToOne;

/// <summary>Affine rescaling of a dataset's inputs, e.g. integers 0 … 5 to [−1, 1].</summary>
public static class InputScaling
{
    /// <summary>A new dataset whose inputs are <c>(x − center) / scale</c>; the targets are shared, not copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is zero or not finite.</exception>
    public static Dataset Standardize(Dataset data, double center, double scale)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (scale == 0 || !double.IsFinite(scale) || !double.IsFinite(center))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Expected a finite, non-zero scale and a finite center; got scale {scale}, center {center}.");
        var x = data.Inputs.Clone();
        System.Numerics.Tensors.TensorPrimitives.Subtract(x.Data, center, x.Data);
        System.Numerics.Tensors.TensorPrimitives.Divide(x.Data, scale, x.Data);
        return new Dataset(x, data.Targets);
    }
}
