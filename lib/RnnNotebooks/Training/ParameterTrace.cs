namespace RnnNotebooks.Training;

/// <summary>
/// A training callback that records chosen scalar weights (single entries of parameters) before the
/// first batch and then every <see cref="Every"/> batches, counting batches across epochs: the data of a
/// weight-path chart.
/// </summary>
public sealed class ParameterTrace : Callback
{
    private readonly (string Name, Parameter Parameter, int Index)[] _entries;
    private readonly List<long> _steps = [];
    private readonly Dictionary<string, List<double>> _values;
    private long _batches;

    /// <summary>Records the given entries every <paramref name="every"/> batches.</summary>
    /// <param name="every">Batches between records.</param>
    /// <param name="entries">Name, parameter and flat index of each recorded scalar.</param>
    /// <exception cref="ArgumentException">No entries, a repeated name, or an index outside its parameter.</exception>
    public ParameterTrace(int every, params (string Name, Parameter Parameter, int Index)[] entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Length == 0) throw new ArgumentException("Expected at least one weight to trace; got none.", nameof(entries));
        foreach (var (name, p, i) in entries)
        {
            ArgumentNullException.ThrowIfNull(p);
            if ((uint)i >= (uint)p.Length)
                throw new ArgumentException($"Weight '{name}': index {i} is outside {p} ({p.Length} values).", nameof(entries));
        }
        if (entries.Select(e => e.Name).Distinct().Count() != entries.Length)
            throw new ArgumentException($"Expected distinct names; got [{string.Join(", ", entries.Select(e => e.Name))}].", nameof(entries));
        Every = every;
        _entries = entries;
        _values = entries.ToDictionary(e => e.Name, _ => new List<double>());
    }

    /// <summary>Batches between records.</summary>
    public int Every { get; }

    /// <summary>The batch count (across epochs) at each record; 0 is before training.</summary>
    public IReadOnlyList<long> Steps => _steps;

    /// <summary>The recorded values of the weight named <paramref name="name"/>.</summary>
    public IReadOnlyList<double> this[string name] =>
        _values.TryGetValue(name, out var list) ? list : throw new KeyNotFoundException($"No traced weight '{name}'; traced: {string.Join(", ", _values.Keys)}.");

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingContext context)
    {
        if (_steps.Count == 0) Record();
    }

    /// <inheritdoc />
    public override void OnBatchEnd(TrainingContext context, BatchResult batch)
    {
        _batches++;
        if (_batches % Every == 0) Record();
    }

    private void Record()
    {
        _steps.Add(_batches);
        foreach (var (name, p, i) in _entries) _values[name].Add(p.Value[i]);
    }
}
