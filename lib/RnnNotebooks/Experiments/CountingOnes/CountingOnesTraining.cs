using RnnNotebooks.Data;
using RnnNotebooks.Losses;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Experiments.CountingOnes;

/// <summary>
/// Trains the linear counting network full-batch (one iteration = one pass over all sequences, as in
/// the tutorial) with any optimizer, through <see cref="Trainer.Fit"/>, and records the path of its two
/// weights over the cost surface.
/// </summary>
public static class CountingOnesTraining
{
    /// <summary>
    /// Runs <paramref name="iterations"/> full-batch steps from (<paramref name="wx"/>, <paramref name="wRec"/>).
    /// A run whose cost turns non-finite is not an error here: it ends, and the path says where.
    /// </summary>
    /// <param name="name">Label of the run.</param>
    /// <param name="data">Sequences <c>[N, T, 1]</c> and counts <c>[N, 1]</c>.</param>
    /// <param name="wx">Starting input weight.</param>
    /// <param name="wRec">Starting recurrent weight.</param>
    /// <param name="optimizer">Builds the optimizer from the network's parameter list (wx, wRec).</param>
    /// <param name="iterations">Full-batch steps.</param>
    /// <param name="clipGradNorm">If set, the gradient is rescaled to at most this norm before each step.</param>
    /// <param name="progress">Called after every step with the iteration (1-based), wx, wRec and the cost before the step.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is not positive.</exception>
    public static WeightPath Run(string name, Dataset data, double wx, double wRec, Func<IReadOnlyList<Parameter>, IOptimizer> optimizer,
        int iterations, double? clipGradNorm = null, Action<int, double, double, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        var layer = new LinearRecurrence(wx, wRec);
        var cell = (Cells.LinearRecurrenceCell)layer.Cell;
        var xs = new List<double> { wx };
        var rs = new List<double> { wRec };
        var recorder = new LambdaCallback(onBatchEnd: b =>
        {
            xs.Add(cell.Wx);
            rs.Add(cell.WRec);
            progress?.Invoke(b.Epoch + 1, cell.Wx, cell.WRec, b.Loss);
        });
        int? divergedAt = null;
        try
        {
            Trainer.Fit(layer, new MeanSquaredError(), optimizer(layer.Parameters), data, new FitOptions
            {
                Epochs = iterations,
                BatchSize = data.Count,
                Shuffle = false,
                ClipGradNorm = clipGradNorm,
                Callbacks = [recorder],
            });
        }
        catch (TrainingDivergedException e)
        {
            divergedAt = e.Epoch;   // the forward pass of epoch e evaluates the weights after e steps
        }
        var costs = new List<double>(xs.Count);
        for (int i = 0; i < xs.Count; i++) costs.Add(CostLandscape.Cost(data, xs[i], rs[i]));
        // The last recorded point may be the one whose cost overflowed: keep the path finite.
        while (xs.Count > 1 && !double.IsFinite(costs[^1]))
        {
            divergedAt ??= xs.Count - 1;
            xs.RemoveAt(xs.Count - 1);
            rs.RemoveAt(rs.Count - 1);
            costs.RemoveAt(costs.Count - 1);
        }
        return new WeightPath(name, xs, rs, costs, divergedAt);
    }
}
