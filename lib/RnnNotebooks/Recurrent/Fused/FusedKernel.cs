using RnnNotebooks.Numerics;

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
    private readonly double[][] _biasSums = [[], []], _dotPartials = [[], []];

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

    /// <summary>
    /// The weight-side gradients once <paramref name="gradients"/> holds every step's pre-activation gradients G
    /// (<c>[steps, width]</c>, step-major) of a cell whose pre-activations are <c>x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh</c>:
    /// dW_hh += Gᵀ·h, dW_ih += Gᵀ·x, dx = G·W_ih and both bias gradients, each over all steps at once.
    /// <c>stateStride</c> is the length of a row of the states entering the steps, h first (an LSTM's rows are [h, c]).
    /// </summary>
    protected void WeightGradients(SequenceBuffers sequence, RowRange rows, Span<double> gradients, int width, int stateStride,
        Parameter weightIh, Parameter weightHh, Parameter? biasIh, Parameter? biasHh)
    {
        int steps = sequence.Time * rows.Count, n = _hiddenSize, inputs = weightIh.Length / width;
        // dW_hh over every step (but the first, when it starts from zero: its h is 0)
        int from = sequence.StartsFromZero ? rows.Count : 0;
        Gemm.Multiply(Matrix.Of(gradients[(from * width)..], steps - from, width).Transposed,
            Matrix.Of(sequence.StatesEnteringSteps(rows)[(from * stateStride)..], steps - from, n, rowStride: stateStride),
            Matrix.Writable(Gradient(weightHh, rows), width, n), accumulate: true);
        var biasSum = biasIh is null ? default : Workspace(ref _biasSums[rows.Part], width);
        if (inputs == 1)
        {
            // A series: the bias sums, dW_ih and dx in one pass over G
            SingleInputGradients.Compute(gradients, steps, width, sequence.InputsOf(rows), weightIh.Value,
                Gradient(weightIh, rows), biasSum, sequence.InputGradientsOf(rows), Workspace(ref _dotPartials[rows.Part], 8 * steps));
        }
        else
        {
            var g = Matrix.Of(gradients, steps, width);
            Gemm.Multiply(g.Transposed, Matrix.Of(sequence.InputsOf(rows), steps, inputs),
                Matrix.Writable(Gradient(weightIh, rows), width, inputs), accumulate: true);
            Gemm.Multiply(g, Matrix.Of(weightIh.Value, width, inputs), Matrix.Writable(sequence.InputGradientsOf(rows), steps, inputs), accumulate: false);
            if (!biasSum.IsEmpty) ColumnSums.Write(gradients, steps, width, biasSum);
        }
        if (biasIh is not null)
        {
            VectorSums.AddInto(Gradient(biasIh, rows), biasSum);
            VectorSums.AddInto(Gradient(biasHh!, rows), biasSum);
        }
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
