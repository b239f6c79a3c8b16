using RnnNotebooks.Init;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// Base class of the built-in cells: the sizes, the parameter list and reinitialisation, so each cell
/// writes only its step and its backward step.
/// </summary>
public abstract class RecurrentCell : IRecurrentCell, IInitializable
{
    private readonly List<Parameter> _parameters = [];

    /// <summary>Sets the sizes shared by every cell.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input or hidden size is not positive.</exception>
    protected RecurrentCell(int inputSize, int hiddenSize, int stateSize, int tapeSize)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Expected a positive input size.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "Expected a positive hidden size.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        StateSize = stateSize;
        TapeSize = tapeSize;
    }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int HiddenSize { get; }

    /// <inheritdoc />
    public int StateSize { get; }

    /// <inheritdoc />
    public int TapeSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Creates a parameter and adds it to <see cref="Parameters"/>, in call order.</summary>
    protected Parameter AddParameter(string name, params int[] shape)
    {
        var p = new Parameter(name, shape);
        _parameters.Add(p);
        return p;
    }

    /// <inheritdoc />
    public abstract void Step(CellStep step);

    /// <inheritdoc />
    public abstract void StepBackward(CellStep step, StepGradients gradients);

    /// <inheritdoc />
    public abstract void Initialize(WeightInit scheme, NumPyRandom random);

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> values (never shrinks it) and returns its first <paramref name="length"/>.</summary>
    protected static Span<double> Workspace(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }

    /// <summary>Adds the column sums of <paramref name="rows"/> <c>[batch, width]</c> into <paramref name="destination"/>.</summary>
    protected static void AddColumnSums(ReadOnlySpan<double> rows, Span<double> destination, int batch, int width)
    {
        for (int b = 0; b < batch; b++)
            System.Numerics.Tensors.TensorPrimitives.Add(destination[..width], rows.Slice(b * width, width), destination[..width]);
    }
}
