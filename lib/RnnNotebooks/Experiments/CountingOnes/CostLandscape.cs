using RnnNotebooks.Data;
using RnnNotebooks.Losses;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Experiments.CountingOnes;

/// <summary>
/// The cost of the linear counting network <c>S_k = S_{k−1}·wRec + X_k·wx</c> (output S_n, mean
/// squared error over the samples) as a function of its two weights, and how its gradient travels
/// back through time. Everything runs through <see cref="LinearRecurrence"/> and
/// <see cref="MeanSquaredError"/>, the same code that trains the network.
/// </summary>
public static class CostLandscape
{
    /// <summary>The cost ξ = mean over samples of (S_n − target)² at the weights (wx, wRec).</summary>
    /// <exception cref="ArgumentException">The data are not sequences <c>[N, T, 1]</c> with targets <c>[N, 1]</c>.</exception>
    public static double Cost(Dataset data, double wx, double wRec)
    {
        CheckData(data);
        var layer = new LinearRecurrence(wx, wRec);
        return new MeanSquaredError().Forward(layer.Forward(data.Inputs), data.Targets);
    }

    /// <summary>The cost and its gradient with respect to (wx, wRec), by backpropagation through time.</summary>
    public static (double Cost, double GradWx, double GradWRec) CostAndGradient(Dataset data, double wx, double wRec)
    {
        var (cost, layer) = ForwardBackward(data, wx, wRec);
        return (cost, layer.Parameters[0].Grad[0], layer.Parameters[1].Grad[0]);
    }

    /// <summary>
    /// ∂ξ/∂S_k for k = 0 … n, summed over the samples: the gradient arriving at each state as it is
    /// carried back from the output. Element n is the output gradient; element k is element k+1 times wRec.
    /// </summary>
    public static double[] GradientThroughTime(Dataset data, double wx, double wRec)
    {
        var (_, layer) = ForwardBackward(data, wx, wRec);
        var g = layer.StateGradients;   // [N, T + 1, 1]
        int n = g.Shape[0], steps = g.Shape[1];
        var sums = new double[steps];
        for (int b = 0; b < n; b++)
            for (int k = 0; k < steps; k++) sums[k] += g.Data[b * steps + k];
        return sums;
    }

    /// <summary>
    /// The cost on a square grid: <paramref name="points"/> values of wx and of wRec evenly spaced over
    /// [<paramref name="low"/>, <paramref name="high"/>] (both ends included).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two points, or an empty or non-finite range.</exception>
    public static CostSurface Surface(Dataset data, double low, double high, int points)
    {
        CheckData(data);
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, $"Expected at least 2 grid points per axis; got {points}.");
        if (!(high > low) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"Expected a finite range with low < high; got [{low}, {high}].");
        var axis = new double[points];
        for (int i = 0; i < points; i++) axis[i] = low + (high - low) * i / (points - 1);
        var layer = new LinearRecurrence();
        var cell = (Cells.LinearRecurrenceCell)layer.Cell;
        var loss = new MeanSquaredError();
        var cost = new double[points][];
        for (int i = 0; i < points; i++)
        {
            cost[i] = new double[points];
            for (int j = 0; j < points; j++)
            {
                cell.Wx = axis[j];
                cell.WRec = axis[i];
                cost[i][j] = loss.Forward(layer.Forward(data.Inputs), data.Targets);
            }
        }
        return new CostSurface(axis, (double[])axis.Clone(), cost);
    }

    private static (double Cost, LinearRecurrence Layer) ForwardBackward(Dataset data, double wx, double wRec)
    {
        CheckData(data);
        var layer = new LinearRecurrence(wx, wRec);
        var loss = new MeanSquaredError();
        double cost = loss.Forward(layer.Forward(data.Inputs), data.Targets);
        layer.Backward(loss.Backward());
        return (cost, layer);
    }

    private static void CheckData(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Inputs.Rank != 3 || data.Inputs.Shape[2] != 1 || data.Targets.Length != data.Count)
            throw new ArgumentException(
                $"Expected scalar sequences [N, T, 1] with one target each [N, 1]; got inputs [{string.Join(", ", data.Inputs.Shape)}] and targets [{string.Join(", ", data.Targets.Shape)}].",
                nameof(data));
    }
}

/// <summary>The cost on a grid: <c>Cost[i][j]</c> is ξ at wRec = <c>WRec[i]</c>, wx = <c>Wx[j]</c> (row = y, as Plotly's z).</summary>
/// <param name="Wx">The wx values (x axis).</param>
/// <param name="WRec">The wRec values (y axis).</param>
/// <param name="Cost">The cost, one row per wRec.</param>
public sealed record CostSurface(double[] Wx, double[] WRec, double[][] Cost);
