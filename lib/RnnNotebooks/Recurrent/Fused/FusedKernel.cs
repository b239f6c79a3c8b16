namespace RnnNotebooks.Recurrent.Fused;

/// <summary>
/// What every fused kernel shares. A batch of at least 16 examples with at least 16 units runs as two halves on
/// two cores; below that the handoff costs more than it saves. The second half adds its parameter gradients into
/// buffers of its own, which join the parameters' gradients after both halves finish, in a fixed order, so the
/// result does not depend on which core ran which half.
/// </summary>
internal abstract class FusedKernel : StepKernel
{
    private const int MinRowsPerPart = 8, MinUnitsToSplit = 16;
    private readonly Parameter[] _parameters;
    private readonly double[][] _secondPart;
    private readonly int _hiddenSize;

    /// <summary>Keeps second-part buffers for <paramref name="parameters"/>.</summary>
    protected FusedKernel(IReadOnlyList<Parameter> parameters, int hiddenSize)
    {
        _parameters = [.. parameters];
        _secondPart = [.. _parameters.Select(p => new double[p.Length])];
        _hiddenSize = hiddenSize;
    }

    /// <inheritdoc />
    public sealed override int Parts(int batch) => batch >= 2 * MinRowsPerPart && _hiddenSize >= MinUnitsToSplit ? 2 : 1;

    /// <summary>Where <paramref name="rows"/> add the gradient of <paramref name="parameter"/>: its own for part 0, a private buffer for part 1.</summary>
    protected Span<double> Gradient(Parameter parameter, RowRange rows)
    {
        if (rows.Part == 0) return parameter.Grad;
        for (int i = 0; i < _parameters.Length; i++)
            if (ReferenceEquals(_parameters[i], parameter)) return _secondPart[i];
        throw new ArgumentException($"{parameter} is not a parameter of this kernel.", nameof(parameter));
    }

    /// <inheritdoc />
    public override void BeginBackward(SequenceBuffers sequence)
    {
        if (sequence.Parts == 2)
            foreach (var buffer in _secondPart) Array.Clear(buffer);
    }

    /// <inheritdoc />
    public override void FinishBackward(SequenceBuffers sequence)
    {
        if (sequence.Parts != 2) return;
        for (int i = 0; i < _parameters.Length; i++)
            System.Numerics.Tensors.TensorPrimitives.Add(_parameters[i].Grad, _secondPart[i], _parameters[i].Grad);
    }

    /// <summary>Writes into <paramref name="sum"/> the sum of the <paramref name="count"/> lanes of <paramref name="lanes"/>, each as long as <paramref name="sum"/>.</summary>
    protected static void SumLanes(ReadOnlySpan<double> lanes, int count, Span<double> sum)
    {
        lanes[..sum.Length].CopyTo(sum);
        for (int lane = 1; lane < count; lane++)
            System.Numerics.Tensors.TensorPrimitives.Add(sum, lanes.Slice(lane * sum.Length, sum.Length), sum);
    }

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> values and returns its first <paramref name="length"/>.</summary>
    protected static Span<double> Workspace(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }
}
