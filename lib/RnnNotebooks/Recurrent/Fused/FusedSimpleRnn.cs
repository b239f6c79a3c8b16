using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Cells;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Recurrent.Fused;

/// <summary>Fast path for <see cref="SimpleRnnCell"/>: the cell's equations over whole sequences.</summary>
/// <remarks>
/// <para>Forward, per step: <c>z = x·W_ihᵀ + h·W_hhᵀ + b</c> against weights transposed once per pass, then
/// <c>h′ = f(z)</c>, the bias, a few inputs and tanh in one pass per row (<see cref="PreActivationRow"/>). Backward, per step: only <c>dz = dh′ ⊙ f′</c> and <c>dh = dz·W_hh</c>; the dz of every step
/// are kept, so dW_ih, dW_hh, the biases and dx are one product each over all steps at the end.</para>
/// </remarks>
internal sealed class FusedSimpleRnn : FusedKernel
{
    /// <summary>At most this many rows per step go through <see cref="PreActivationRow"/> instead of the products.</summary>
    private const int MaxRowsInRowPass = 4;

    /// <summary>At most this many inputs per step are added in the row pass rather than by a product.</summary>
    private const int MaxInputsInRowPass = 4;
    private readonly SimpleRnnCell _cell;
    private readonly int _n, _inputs;
    private double[] _wIhT = [], _wHhT = [], _bias = [], _preActivationGradients = [];
    private readonly double[][] _pre = [[], []], _laneGradients = [[], []];

    public FusedSimpleRnn(SimpleRnnCell cell) : base(cell.Parameters, cell.HiddenSize)
    {
        _cell = cell;
        _n = cell.HiddenSize;
        _inputs = cell.InputSize;
        // A vector reads the same transposed: W_ih of a series (or of one unit), and W_hh of one unit, are used as they are.
        if (_inputs == 1 || _n == 1) _wIhT = cell.WeightIh.Value;
        if (_n == 1) _wHhT = cell.WeightHh.Value;
    }

    /// <inheritdoc />
    public override void BeginForward(SequenceBuffers sequence)
    {
        // Wᵀ row-major lets each output row be a sum of vectors.
        if (_wIhT != _cell.WeightIh.Value) Gemm.Transpose(_cell.WeightIh.Value, _n, _inputs, Workspace(ref _wIhT, _inputs * _n));
        if (_wHhT != _cell.WeightHh.Value) Gemm.Transpose(_cell.WeightHh.Value, _n, _n, Workspace(ref _wHhT, _n * _n));
        if (_cell.BiasIh is { } bIh)
        {
            var bias = Workspace(ref _bias, _n);
            for (int j = 0; j < _n; j++) bias[j] = bIh.Value[j] + _cell.BiasHh!.Value[j];
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(SequenceBuffers sequence, int t, RowRange rows)
    {
        int n = _n, count = rows.Count, inputs = _inputs;
        var z = Workspace(ref _pre[rows.Part], count * n);
        var x = sequence.Input(t, rows);
        var h = sequence.State(t, rows);
        var next = sequence.State(t + 1, rows);
        ReadOnlySpan<double> bias = _cell.HasBias ? _bias.AsSpan(0, n) : default;
        bool tanh = _cell.Activation == Activation.Tanh, inRowPass = tanh || _cell.Activation == Activation.Linear;
        // z = h·W_hhᵀ + x·W_ihᵀ + b, then h′ = f(z); tanh (and the identity) is applied in the row pass, other activations after it.
        var rowOutput = inRowPass ? next : z;
        if (count <= MaxRowsInRowPass)
        {
            for (int r = 0; r < count; r++)
                PreActivationRow(default, bias, x.Slice(r * inputs, inputs), _wIhT.AsSpan(0, inputs * n), h.Slice(r * n, n),
                    _wHhT.AsSpan(0, n * n), rowOutput.Slice(r * n, n), tanh);
        }
        else
        {
            bool inputsInRowPass = inputs <= MaxInputsInRowPass;
            var preActivations = Matrix.Writable(z, count, n);
            if (t == 0 && sequence.StartsFromZero) z.Clear();   // from a zero state the first step's h·W_hhᵀ is zero
            else Gemm.Multiply(Matrix.Of(h, count, n), Matrix.Of(_wHhT, n, n), preActivations, accumulate: false);
            if (!inputsInRowPass)
                Gemm.Multiply(Matrix.Of(x, count, inputs), Matrix.Of(_wIhT, inputs, n), preActivations, accumulate: true);
            for (int r = 0; r < count; r++)
                PreActivationRow(z.Slice(r * n, n), bias, inputsInRowPass ? x.Slice(r * inputs, inputs) : default,
                    _wIhT.AsSpan(0, inputs * n), default, default, rowOutput.Slice(r * n, n), tanh);
        }
        if (!inRowPass) ActivationMath.Apply(_cell.Activation, z, next);
    }

    /// <summary>
    /// One row of <c>z = start + b + x·W_ihᵀ + h·W_hhᵀ</c> from the transposed weights <paramref name="wIhT"/> <c>[I, H]</c>
    /// and <paramref name="wHhT"/> <c>[H, H]</c>, eight units at a time in a register, each term one multiply-add;
    /// <paramref name="start"/> is the part a product already summed, or empty. Writes z, or tanh(z) when
    /// <paramref name="tanh"/>, to <paramref name="destination"/> (which may be <paramref name="start"/>).
    /// </summary>
    /// <remarks>
    /// A few rows (one example at a time, say) are summed here entirely, rather than as two products and a bias pass
    /// whose set-up would cost more than their arithmetic; larger batches bring <c>h·W_hhᵀ</c> from a product and add
    /// the bias and a few inputs (one, for a series) here, where a product with an inner dimension of one would only
    /// write z for the next pass to read back.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PreActivationRow(ReadOnlySpan<double> start, ReadOnlySpan<double> bias, ReadOnlySpan<double> x,
        ReadOnlySpan<double> wIhT, ReadOnlySpan<double> h, ReadOnlySpan<double> wHhT, Span<double> destination, bool tanh)
    {
        int n = destination.Length, j = 0;
        bool hasStart = !start.IsEmpty, hasBias = !bias.IsEmpty;
        ref double wi = ref MemoryMarshal.GetReference(wIhT);
        ref double wh = ref MemoryMarshal.GetReference(wHhT);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 8 <= n; j += 8)
            {
                nuint u = (nuint)j;
                var acc = hasStart ? Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(start), u) : Vector512<double>.Zero;
                if (hasBias) acc += Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), u);
                for (int k = 0; k < x.Length; k++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(x[k]), Vector512.LoadUnsafe(ref wi, (nuint)(k * n) + u), acc);
                for (int k = 0; k < h.Length; k++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(h[k]), Vector512.LoadUnsafe(ref wh, (nuint)(k * n) + u), acc);
                (tanh ? VectorMath.Tanh(acc) : acc).StoreUnsafe(ref MemoryMarshal.GetReference(destination), u);
            }
        }
        for (; j < n; j++)
        {
            double acc = hasStart ? start[j] : 0;
            if (hasBias) acc += bias[j];
            for (int k = 0; k < x.Length; k++) acc = Math.FusedMultiplyAdd(x[k], Unsafe.Add(ref wi, k * n + j), acc);
            for (int k = 0; k < h.Length; k++) acc = Math.FusedMultiplyAdd(h[k], Unsafe.Add(ref wh, k * n + j), acc);
            destination[j] = tanh ? VectorMath.Tanh(acc) : acc;
        }
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
        WeightGradients(sequence, rows, gradients, n, stateStride: n, _cell.WeightIh, _cell.WeightHh, _cell.BiasIh, _cell.BiasHh);
    }
}
