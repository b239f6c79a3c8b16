using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Gradients;

/// <summary>Seeded test data and small test-only layers.</summary>
internal static class TestTensors
{
    public static Tensor Gaussian(NumPyRandom random, double scale, params int[] shape)
    {
        var t = new Tensor(shape);
        random.FillGaussian(t.Data);
        for (int i = 0; i < t.Length; i++) t.Data[i] *= scale;
        return t;
    }

    public static Tensor Classes(NumPyRandom random, int classes, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = random.RandInt(classes);
        return t;
    }

    /// <summary>
    /// max |a − b| over max |b|: the difference of two tensors relative to the tensor's scale, so an entry that is
    /// small only through cancellation is held to the rounding of its neighbours, not to its own size.
    /// </summary>
    public static double RelativeDifference(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = 0, scale = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(d)) return double.PositiveInfinity;
            difference = Math.Max(difference, d);
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return difference == 0 ? 0 : difference / scale;
    }

    /// <summary>max |a − b| / max(|a|, |b|, floor) over all entries.</summary>
    public static double MaxRelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double floor = 1e-8)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double err = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Max(Math.Abs(actual[i]), Math.Abs(expected[i])), floor);
            if (double.IsNaN(err)) return double.PositiveInfinity;
            max = Math.Max(max, err);
        }
        return max;
    }
}

/// <summary>A parameterless pass-through, so a loss can be checked through <see cref="RnnNotebooks.Gradients.GradientCheck"/>.</summary>
internal sealed class Identity : ILayer
{
    public IReadOnlyList<Parameter> Parameters { get; } = [];
    public Tensor Forward(Tensor input) => input;
    public Tensor Backward(Tensor outputGradient) => outputGradient;
}
