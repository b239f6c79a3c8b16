namespace RnnNotebooks.Training;

/// <summary>
/// Stops training once a monitored metric has gone <see cref="Patience"/> epochs in a row without
/// improving on its best by more than <see cref="MinDelta"/> (at least one such epoch), as Keras's <c>EarlyStopping</c>; optionally restores
/// the weights of the best epoch.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private double[][]? _bestWeights;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The history key to watch, e.g. <c>"val_loss"</c>.</param>
    /// <param name="patience">Epochs without improvement tolerated before stopping.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement.</param>
    /// <param name="mode">Whether lower or higher is better.</param>
    /// <param name="restoreBestWeights">Put back the parameters of the best epoch when training ends.</param>
    /// <exception cref="ArgumentException">An empty monitor name, negative patience or negative/NaN delta.</exception>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, MonitorMode mode = MonitorMode.Auto,
        bool restoreBestWeights = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"Expected a patience >= 0; got {patience}.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"Expected minDelta >= 0; got {minDelta}.");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        Mode = mode == MonitorMode.Auto ? (monitor.Contains("acc", StringComparison.OrdinalIgnoreCase) ? MonitorMode.Max : MonitorMode.Min) : mode;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The watched history key.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Smallest change counted as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Min or Max (Auto resolved at construction).</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether the best epoch's weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best value seen.</summary>
    public double Best { get; private set; }

    /// <summary>Zero-based epoch of the best value, or −1 before the first epoch.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Zero-based epoch after which training was stopped, or −1 if it ran to the end.</summary>
    public int StoppedEpoch { get; private set; } = -1;

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingContext context)
    {
        _wait = 0;
        Best = Mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        BestEpoch = -1;
        StoppedEpoch = -1;
        if (RestoreBestWeights)
            _bestWeights = context.Model.Parameters.Select(p => new double[p.Length]).ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The monitored key is not in the logs; the message lists those that are.</exception>
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out double current))
            throw new KeyNotFoundException(
                $"EarlyStopping monitors '{Monitor}' but the logs hold only {string.Join(", ", logs.Keys.Select(k => $"'{k}'"))}" +
                (Monitor.StartsWith("val_", StringComparison.Ordinal) ? " (validation metrics need FitOptions.Validation)." : "."));
        bool improved = Mode == MonitorMode.Min ? current + MinDelta < Best : current - MinDelta > Best;
        if (improved)
        {
            Best = current;
            BestEpoch = epoch;
            _wait = 0;
            if (_bestWeights is not null)
                for (int i = 0; i < _bestWeights.Length; i++) context.Model.Parameters[i].Value.CopyTo(_bestWeights[i], 0);
            return;
        }
        _wait++;
        if (_wait >= Math.Max(Patience, 1))
        {
            StoppedEpoch = epoch;
            context.StopTraining = true;
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(TrainingContext context)
    {
        if (_bestWeights is null || BestEpoch < 0 || BestEpoch == context.History.Epochs - 1) return;
        for (int i = 0; i < _bestWeights.Length; i++) _bestWeights[i].CopyTo(context.Model.Parameters[i].Value, 0);
    }
}
