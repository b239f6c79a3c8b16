using RnnNotebooks.Cells;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Recurrent.Fused;

/// <summary>Fast path for <see cref="SimpleRnnCell"/>: the cell's equations over whole sequences.</summary>
/// <remarks>
/// <para>Forward, per step: <c>z = x·W_ihᵀ + h·W_hhᵀ + b</c> against weights transposed once per pass, then
/// <c>h′ = f(z)</c>. Backward, per step: only <c>dz = dh′ ⊙ f′</c> and <c>dh = dz·W_hh</c>; the dz of every step
/// are kept, so dW_ih, dW_hh, the biases and dx are one product each over all steps at the end.</para>
/// </remarks>
internal sealed class FusedSimpleRnn : FusedKernel
{
    private readonly SimpleRnnCell _cell;
    private readonly int _n, _inputs;
    private double[] _wIhT = [], _wHhT = [], _bias = [], _preActivationGradients = [];
    private readonly double[][] _pre = [[], []], _laneGradients = [[], []], _biasGradient = [[], []];

    public FusedSimpleRnn(SimpleRnnCell cell) : base(cell.Parameters, cell.HiddenSize)
    {
        _cell = cell;
        _n = cell.HiddenSize;
        _inputs = cell.InputSize;
    }

    private bool _transposed;

    /// <inheritdoc />
    public override void BeginForward(SequenceBuffers sequence)
    {
        // Wᵀ row-major lets each output row be a sum of vectors; with a few rows of a few units, W's own rows
        // read as short dot products cost less than transposing them.
        _transposed = sequence.Batch >= 4 || _n >= 8;
        if (_transposed)
        {
            Gemm.Transpose(_cell.WeightIh.Value, _n, _inputs, Workspace(ref _wIhT, _inputs * _n));
            Gemm.Transpose(_cell.WeightHh.Value, _n, _n, Workspace(ref _wHhT, _n * _n));
        }
        if (_cell.BiasIh is { } bIh)
        {
            var bias = Workspace(ref _bias, _n);
            for (int j = 0; j < _n; j++) bias[j] = bIh.Value[j] + _cell.BiasHh!.Value[j];
        }
    }

    private ReadOnlyMatrixView InputWeightsTransposed =>
        _transposed ? Matrix.Of(_wIhT, _inputs, _n) : Matrix.Of(_cell.WeightIh.Value, _n, _inputs).Transposed;

    private ReadOnlyMatrixView HiddenWeightsTransposed =>
        _transposed ? Matrix.Of(_wHhT, _n, _n) : Matrix.Of(_cell.WeightHh.Value, _n, _n).Transposed;

    /// <inheritdoc />
    public override void Forward(SequenceBuffers sequence, int t, RowRange rows)
    {
        int n = _n, count = rows.Count;
        var z = Workspace(ref _pre[rows.Part], count * n);
        var preActivations = Matrix.Writable(z, count, n);
        // z = x·W_ihᵀ + h·W_hhᵀ + b
        Gemm.Multiply(Matrix.Of(sequence.Input(t, rows), count, _inputs), InputWeightsTransposed, preActivations, accumulate: false);
        Gemm.Multiply(Matrix.Of(sequence.State(t, rows), count, n), HiddenWeightsTransposed, preActivations, accumulate: true);
        if (_cell.HasBias)
        {
            var bias = _bias.AsSpan(0, n);
            for (int r = 0; r < count; r++)
                for (int j = 0; j < n; j++) z[r * n + j] += bias[j];
        }
        // h′ = f(z)
        ActivationMath.Apply(_cell.Activation, z, sequence.State(t + 1, rows));
    }

    /// <inheritdoc />
    public override void BeginBackward(SequenceBuffers sequence)
    {
        base.BeginBackward(sequence);
        Workspace(ref _preActivationGradients, sequence.Time * sequence.Batch * _n);
    }

    /// <inheritdoc />
    public override void Backward(SequenceBuffers sequence, int t, RowRange rows, LaneGradients lanes)
    {
        int n = _n, count = rows.Count, size = count * n;
        var stepGradients = _preActivationGradients.AsSpan(sequence.Row(t, rows) * n, size);
        if (lanes.Count == 0)
        {
            stepGradients.Clear();
            return;
        }
        var laneGradients = lanes.Count == 1 ? stepGradients : Workspace(ref _laneGradients[rows.Part], lanes.Count * size);
        var hNew = sequence.State(t + 1, rows);
        // dz = dh′ ⊙ f′(h′) for each lane
        for (int lane = 0; lane < lanes.Count; lane++)
            ActivationMath.Backward(_cell.Activation, hNew, lanes.NewState.Slice(lane * size, size), laneGradients.Slice(lane * size, size));
        if (lanes.Count > 1)
        {
            // Every parameter gradient is linear in dz: the lanes' sum serves them all.
            SumLanes(laneGradients, lanes.Count, stepGradients);
        }
        // dh = dz·W_hh
        Gemm.Multiply(Matrix.Of(laneGradients, lanes.Count * count, n), Matrix.Of(_cell.WeightHh.Value, n, n),
            Matrix.Writable(lanes.State, lanes.Count * count, n), accumulate: false);
    }

    /// <inheritdoc />
    public override void EndBackward(SequenceBuffers sequence, RowRange rows)
    {
        int n = _n, steps = sequence.Time * rows.Count;
        var gradients = _preActivationGradients.AsSpan(sequence.Row(0, rows) * n, steps * n);
        var dz = Matrix.Of(gradients, steps, n);
        // dW_ih += dzᵀ·x, dW_hh += dzᵀ·h over every step at once
        Gemm.Multiply(dz.Transposed, Matrix.Of(sequence.InputsOf(rows), steps, _inputs),
            Matrix.Writable(Gradient(_cell.WeightIh, rows), n, _inputs), accumulate: true);
        Gemm.Multiply(dz.Transposed, Matrix.Of(sequence.StatesEnteringSteps(rows), steps, n),
            Matrix.Writable(Gradient(_cell.WeightHh, rows), n, n), accumulate: true);
        if (_cell.BiasIh is { } bIh)
        {
            var sum = Workspace(ref _biasGradient[rows.Part], n);
            ColumnSums.Write(gradients, steps, n, sum);
            var gIh = Gradient(bIh, rows);
            var gHh = Gradient(_cell.BiasHh!, rows);
            System.Numerics.Tensors.TensorPrimitives.Add(gIh, sum, gIh);
            System.Numerics.Tensors.TensorPrimitives.Add(gHh, sum, gHh);
        }
        // dx = dz·W_ih
        Gemm.Multiply(dz, Matrix.Of(_cell.WeightIh.Value, n, _inputs), Matrix.Writable(sequence.InputGradientsOf(rows), steps, _inputs), accumulate: false);
    }
}
