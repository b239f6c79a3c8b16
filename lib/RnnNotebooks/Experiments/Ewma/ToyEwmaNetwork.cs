using RnnNotebooks.Random;

namespace RnnNotebooks.Experiments.Ewma;

/// <summary>
/// The hand-written network of the EWMA question (seed 000): <c>ŷ = W_x·x + W_a·a + b</c>, where
/// <c>a</c> is the previous step's ŷ, trained one sample at a time by
/// <c>W += lr·(y − ŷ)·∂ŷ/∂W</c>, i.e. plain SGD on half the squared error, with <c>a</c> treated as a
/// constant input (no gradient flows into earlier steps). <c>a</c> carries over from one epoch to the next.
/// The arithmetic follows the question's loop operation for operation, so on the same draws it
/// reproduces NumPy's numbers to the last bits.
/// </summary>
public sealed class ToyEwmaNetwork
{
    /// <summary>Creates the network with the given weights and starting feedback value.</summary>
    public ToyEwmaNetwork(double wa, double wx, double b, double a)
    {
        WA = wa;
        WX = wx;
        B = b;
        A = a;
    }

    /// <summary>Draws W_a, W_x, b and a, in that order, as <c>np.random.rand()</c> four times.</summary>
    public static ToyEwmaNetwork Draw(NumPyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double wa = random.NextDouble(), wx = random.NextDouble(), b = random.NextDouble(), a = random.NextDouble();
        return new ToyEwmaNetwork(wa, wx, b, a);
    }

    /// <summary>The weight on the fed-back output, which should learn 1 − alpha.</summary>
    public double WA { get; private set; }

    /// <summary>The weight on the input, which should learn alpha.</summary>
    public double WX { get; private set; }

    /// <summary>The bias, which should learn 0.</summary>
    public double B { get; private set; }

    /// <summary>The fed-back value: the previous output.</summary>
    public double A { get; private set; }

    /// <summary>The squared error (y − ŷ)² of the last sample seen.</summary>
    public double LastLoss { get; private set; }

    /// <summary>Samples seen so far.</summary>
    public long Steps { get; private set; }

    /// <summary>One prediction and one SGD update on (x, y); returns the prediction ŷ.</summary>
    public double Step(double x, double y, double learningRate)
    {
        double yHat = WX * x + WA * A + B;
        double error = y - yHat;
        LastLoss = error * error;
        WA += error * A * learningRate;
        WX += error * x * learningRate;
        B += error * learningRate;
        A = yHat;
        Steps++;
        return yHat;
    }

    /// <summary>
    /// One pass over the sequence, a sample at a time; if <paramref name="predictions"/> is not empty
    /// it receives every ŷ (made before that sample's update).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void TrainEpoch(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double learningRate, Span<double> predictions = default)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"Expected one target per input; got {x.Length} inputs and {y.Length} targets.", nameof(y));
        if (!predictions.IsEmpty && predictions.Length != x.Length)
            throw new ArgumentException($"Expected room for {x.Length} predictions; got {predictions.Length}.", nameof(predictions));
        for (int i = 0; i < x.Length; i++)
        {
            double yHat = Step(x[i], y[i], learningRate);
            if (!predictions.IsEmpty) predictions[i] = yHat;
        }
        if (!double.IsFinite(WA) || !double.IsFinite(WX) || !double.IsFinite(B))
            throw new InvalidOperationException(
                $"Training diverged: the weights became W_a = {WA}, W_x = {WX}, b = {B} after {Steps} samples. Expected finite values; try a smaller learning rate.");
    }
}
