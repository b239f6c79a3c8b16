namespace RnnNotebooks.Optimizers;

/// <summary>
/// Shared plumbing of the optimizers: the flat parameter list, a validated learning rate,
/// a step counter and per-parameter state buffers allocated once, so <see cref="Step"/> allocates nothing.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private readonly Parameter[] _parameters;
    private double _learningRate;

    /// <summary>Takes the parameters to update and the initial learning rate.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds null, or the learning rate is negative, NaN or infinite.</exception>
    protected Optimizer(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
            throw new ArgumentException("Expected at least one parameter to optimize; got an empty list.", nameof(parameters));
        _parameters = new Parameter[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
            _parameters[i] = parameters[i] ?? throw new ArgumentException($"Parameter {i} of {parameters.Count} is null.", nameof(parameters));
        LearningRate = learningRate;
    }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The learning rate; must be finite and non-negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = RequireNonNegative(value, nameof(LearningRate), "learning rate");
    }

    /// <summary>How many times <see cref="Step"/> has run.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < _parameters.Length; i++)
            Update(i, _parameters[i].Value, _parameters[i].Grad);
    }

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient; <see cref="StepCount"/> is already incremented.</summary>
    protected abstract void Update(int index, Span<double> value, ReadOnlySpan<double> grad);

    /// <summary>One zeroed buffer per parameter, each the parameter's length: optimizer state such as moments.</summary>
    protected double[][] CreateState()
    {
        var state = new double[_parameters.Length][];
        for (int i = 0; i < state.Length; i++) state[i] = new double[_parameters[i].Length];
        return state;
    }

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0, else throws naming it.</summary>
    protected static double RequireNonNegative(double value, string paramName, string what)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected a finite, non-negative {what}; got {value}.");
        return value;
    }

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1), else throws naming it.</summary>
    protected static double RequireFraction(double value, string paramName, string what)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected {what} in [0, 1); got {value}.");
        return value;
    }
}
