namespace RnnNotebooks.Training;

/// <summary>
/// What <see cref="Trainer.Fit"/> recorded: one value per epoch for each metric, keyed as Keras's
/// <c>History.history</c> is (<c>"loss"</c>, <c>"accuracy"</c>, <c>"val_loss"</c>, <c>"val_accuracy"</c>).
/// </summary>
public sealed class History
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    /// <summary>The metric names, in the order they were first logged.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Number of completed epochs.</summary>
    public int Epochs => _keys.Count == 0 ? 0 : _values[_keys[0]].Count;

    /// <summary>The per-epoch values of <paramref name="metric"/>.</summary>
    /// <exception cref="KeyNotFoundException">The metric was not recorded; the message lists those that were.</exception>
    public IReadOnlyList<double> this[string metric] =>
        _values.TryGetValue(metric, out var list)
            ? list
            : throw new KeyNotFoundException($"History has no metric '{metric}'; it recorded: {string.Join(", ", _keys.Select(k => $"'{k}'"))}.");

    /// <summary>The training loss per epoch.</summary>
    public IReadOnlyList<double> Loss => this["loss"];

    /// <summary>Whether <paramref name="metric"/> was recorded.</summary>
    public bool Contains(string metric) => _values.ContainsKey(metric);

    /// <summary>A copy as a plain dictionary of arrays.</summary>
    public IReadOnlyDictionary<string, double[]> ToDictionary() => _keys.ToDictionary(k => k, k => _values[k].ToArray());

    internal void Append(IReadOnlyDictionary<string, double> logs, IEnumerable<string> order)
    {
        foreach (string key in order)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                _values[key] = list = [];
                _keys.Add(key);
            }
            list.Add(logs[key]);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"History of {Epochs} epochs: " + string.Join(", ", _keys.Select(k => $"{k} {_values[k][^1]:G6}"));
}
