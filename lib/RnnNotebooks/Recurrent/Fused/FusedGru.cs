using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Cells;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Recurrent.Fused;

/// <summary>Fast path for <see cref="GruCell"/>: the cell's equations over whole sequences.</summary>
/// <remarks>
/// <para>Forward, per step: <c>x·W_ihᵀ</c> and <c>h·W_hhᵀ</c> as two products against weights transposed
/// once per pass (they stay apart: the reset gate scales only the hidden part of the candidate), then one
/// fused pass per row computes r, z, n and h′ eight units at a time in registers (<see cref="ForwardRow"/>).
/// A few inputs per step are projected in that pass instead of by a product.</para>
/// <para>Backward, per step: one fused pass per row gives the input-side and hidden-side gate gradients and
/// the direct part of dh, <c>dh′ ⊙ z</c> (<see cref="BackwardRow"/>); one product adds <c>dG_h·W_hh</c>. The gate
/// gradients of every step are kept, so dW_ih, dW_hh, the biases and dx are one product each at the end.</para>
/// </remarks>
internal sealed class FusedGru : FusedKernel
{
    private const int MaxInputsInRowPass = 4;
    private readonly GruCell _cell;
    private readonly int _n, _inputs;
    private double[] _wIhT = [], _wHhT = [], _inputGates = [], _hiddenGates = [];
    private readonly double[][] _gi = [[], []], _gh = [[], []], _laneInput = [[], []], _laneHidden = [[], []], _biasGradient = [[], []];

    public FusedGru(GruCell cell) : base(cell.Parameters, cell.HiddenSize)
    {
        _cell = cell;
        _n = cell.HiddenSize;
        _inputs = cell.InputSize;
    }

    /// <inheritdoc />
    public override void BeginForward(SequenceBuffers sequence)
    {
        int g3 = 3 * _n;
        Gemm.Transpose(_cell.WeightIh.Value, g3, _inputs, Workspace(ref _wIhT, _inputs * g3));
        Gemm.Transpose(_cell.WeightHh.Value, g3, _n, Workspace(ref _wHhT, _n * g3));
    }

    /// <inheritdoc />
    public override void Forward(SequenceBuffers sequence, int t, RowRange rows)
    {
        int n = _n, g3 = 3 * n, count = rows.Count;
        var gi = Workspace(ref _gi[rows.Part], count * g3);
        var gh = Workspace(ref _gh[rows.Part], count * g3);
        var state = sequence.State(t, rows);
        var x = sequence.Input(t, rows);
        bool inputsInRowPass = _inputs <= MaxInputsInRowPass;
        // x·W_ihᵀ and h·W_hhᵀ
        if (!inputsInRowPass)
            Gemm.Multiply(Matrix.Of(x, count, _inputs), Matrix.Of(_wIhT, _inputs, g3), Matrix.Writable(gi, count, g3), accumulate: false);
        Gemm.Multiply(Matrix.Of(state, count, n), Matrix.Of(_wHhT, n, g3), Matrix.Writable(gh, count, g3), accumulate: false);
        var next = sequence.State(t + 1, rows);
        var tape = sequence.Tape(t, rows);
        ReadOnlySpan<double> bIh = _cell.BiasIh is { } b ? b.Value : default, bHh = _cell.BiasHh is { } c ? c.Value : default;
        ReadOnlySpan<double> wIhT = inputsInRowPass ? _wIhT.AsSpan(0, _inputs * g3) : default;
        for (int r = 0; r < count; r++)
            ForwardRow(gi.Slice(r * g3, g3), inputsInRowPass ? x.Slice(r * _inputs, _inputs) : default, wIhT, gh.Slice(r * g3, g3),
                bIh, bHh, state.Slice(r * n, n), tape.Slice(r * 4 * n, 4 * n), next.Slice(r * n, n));
    }

    /// <inheritdoc />
    public override void BeginBackward(SequenceBuffers sequence)
    {
        base.BeginBackward(sequence);
        int length = sequence.Time * sequence.Batch * 3 * _n;
        Workspace(ref _inputGates, length);
        Workspace(ref _hiddenGates, length);
    }

    /// <inheritdoc />
    public override void Backward(SequenceBuffers sequence, int t, RowRange rows, LaneGradients lanes)
    {
        int n = _n, g3 = 3 * n, count = rows.Count;
        var stepInput = _inputGates.AsSpan(sequence.Row(t, rows) * g3, count * g3);
        var stepHidden = _hiddenGates.AsSpan(sequence.Row(t, rows) * g3, count * g3);
        if (lanes.Count == 0)
        {
            stepInput.Clear();
            stepHidden.Clear();
            return;
        }
        bool oneLane = lanes.Count == 1;
        var laneInput = oneLane ? stepInput : Workspace(ref _laneInput[rows.Part], lanes.Count * count * g3);
        var laneHidden = oneLane ? stepHidden : Workspace(ref _laneHidden[rows.Part], lanes.Count * count * g3);
        var state = sequence.State(t, rows);
        var tape = sequence.Tape(t, rows);
        for (int lane = 0; lane < lanes.Count; lane++)
            for (int r = 0; r < count; r++)
            {
                int row = lane * count + r;
                BackwardRow(tape.Slice(r * 4 * n, 4 * n), state.Slice(r * n, n), lanes.NewState.Slice(row * n, n),
                    laneInput.Slice(row * g3, g3), laneHidden.Slice(row * g3, g3), lanes.State.Slice(row * n, n));
            }
        if (!oneLane)
        {
            // Every parameter gradient is linear in the gate gradients: the lanes' sums serve them all.
            SumLanes(laneInput, lanes.Count, stepInput);
            SumLanes(laneHidden, lanes.Count, stepHidden);
        }
        // dh += dG_h·W_hh
        Gemm.Multiply(Matrix.Of(laneHidden, lanes.Count * count, g3), Matrix.Of(_cell.WeightHh.Value, g3, n),
            Matrix.Writable(lanes.State, lanes.Count * count, n), accumulate: true);
    }

    /// <inheritdoc />
    public override void EndBackward(SequenceBuffers sequence, RowRange rows)
    {
        int n = _n, g3 = 3 * n, steps = sequence.Time * rows.Count, first = sequence.Row(0, rows) * g3;
        var inputGates = _inputGates.AsSpan(first, steps * g3);
        var hiddenGates = _hiddenGates.AsSpan(first, steps * g3);
        var dGi = Matrix.Of(inputGates, steps, g3);
        var dGh = Matrix.Of(hiddenGates, steps, g3);
        // dW_ih += dG_iᵀ·x, dW_hh += dG_hᵀ·h over every step at once
        Gemm.Multiply(dGi.Transposed, Matrix.Of(sequence.InputsOf(rows), steps, _inputs),
            Matrix.Writable(Gradient(_cell.WeightIh, rows), g3, _inputs), accumulate: true);
        Gemm.Multiply(dGh.Transposed, Matrix.Of(sequence.StatesEnteringSteps(rows), steps, n),
            Matrix.Writable(Gradient(_cell.WeightHh, rows), g3, n), accumulate: true);
        if (_cell.BiasIh is { } bIh)
        {
            var sum = Workspace(ref _biasGradient[rows.Part], g3);
            var gIh = Gradient(bIh, rows);
            ColumnSums.Write(inputGates, steps, g3, sum);
            System.Numerics.Tensors.TensorPrimitives.Add(gIh, sum, gIh);
            var gHh = Gradient(_cell.BiasHh!, rows);
            ColumnSums.Write(hiddenGates, steps, g3, sum);
            System.Numerics.Tensors.TensorPrimitives.Add(gHh, sum, gHh);
        }
        // dx = dG_i·W_ih
        Gemm.Multiply(dGi, Matrix.Of(_cell.WeightIh.Value, g3, _inputs), Matrix.Writable(sequence.InputGradientsOf(rows), steps, _inputs), accumulate: false);
    }

    /// <summary>
    /// From <c>x·W_ihᵀ</c> (<paramref name="gi"/>, or projected here from <paramref name="x"/> through <paramref name="wIhT"/>
    /// <c>[I, 3H]</c> when <paramref name="x"/> is not empty) and <c>h·W_hhᵀ</c> (3H each, blocks r, z, n, without biases),
    /// the biases (3H each, or empty) and h: writes the tape row <c>[r z n h_n]</c> (4H) and h′.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRow(ReadOnlySpan<double> gi, ReadOnlySpan<double> x, ReadOnlySpan<double> wIhT, ReadOnlySpan<double> gh,
        ReadOnlySpan<double> bIh, ReadOnlySpan<double> bHh, ReadOnlySpan<double> h, Span<double> tape, Span<double> hNew)
    {
        bool hasBias = !bIh.IsEmpty, project = !x.IsEmpty;
        int n = h.Length, j = 0, g3 = 3 * n;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double ir = ref MemoryMarshal.GetReference(gi);
            ref double hr = ref MemoryMarshal.GetReference(gh);
            ref double tr = ref MemoryMarshal.GetReference(tape);
            for (; j <= n - 8; j += 8)
            {
                nuint u = (nuint)j, un = (nuint)n;
                Vector512<double> xr, xz, xn;
                if (project)
                {
                    xr = xz = xn = Vector512<double>.Zero;
                    for (int k = 0; k < x.Length; k++)
                    {
                        var xk = Vector512.Create(x[k]);
                        ref double wr = ref Unsafe.Add(ref MemoryMarshal.GetReference(wIhT), k * g3);
                        xr = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, u), xr);
                        xz = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, un + u), xz);
                        xn = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, 2 * un + u), xn);
                    }
                }
                else
                {
                    xr = Vector512.LoadUnsafe(ref ir, u);
                    xz = Vector512.LoadUnsafe(ref ir, un + u);
                    xn = Vector512.LoadUnsafe(ref ir, 2 * un + u);
                }
                var sr = Vector512.LoadUnsafe(ref hr, u);
                var sz = Vector512.LoadUnsafe(ref hr, un + u);
                var sn = Vector512.LoadUnsafe(ref hr, 2 * un + u);
                if (hasBias)
                {
                    ref double bi = ref MemoryMarshal.GetReference(bIh);
                    ref double bh = ref MemoryMarshal.GetReference(bHh);
                    xr += Vector512.LoadUnsafe(ref bi, u);
                    xz += Vector512.LoadUnsafe(ref bi, un + u);
                    xn += Vector512.LoadUnsafe(ref bi, 2 * un + u);
                    sr += Vector512.LoadUnsafe(ref bh, u);
                    sz += Vector512.LoadUnsafe(ref bh, un + u);
                    sn += Vector512.LoadUnsafe(ref bh, 2 * un + u);
                }
                var r = VectorMath.Sigmoid(xr + sr);
                var z = VectorMath.Sigmoid(xz + sz);
                var nn = VectorMath.Tanh(Vector512.FusedMultiplyAdd(r, sn, xn));
                var hp = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(h), u);
                r.StoreUnsafe(ref tr, u);
                z.StoreUnsafe(ref tr, un + u);
                nn.StoreUnsafe(ref tr, 2 * un + u);
                sn.StoreUnsafe(ref tr, 3 * un + u);
                Vector512.FusedMultiplyAdd(z, hp - nn, nn).StoreUnsafe(ref MemoryMarshal.GetReference(hNew), u);   // h′ = n + z ⊙ (h − n)
            }
        }
        for (; j < n; j++)
        {
            double xr, xz, xn, sr = gh[j], sz = gh[n + j], sn = gh[2 * n + j];
            if (project)
            {
                xr = xz = xn = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    var w = wIhT.Slice(k * g3, g3);
                    xr = Math.FusedMultiplyAdd(x[k], w[j], xr);
                    xz = Math.FusedMultiplyAdd(x[k], w[n + j], xz);
                    xn = Math.FusedMultiplyAdd(x[k], w[2 * n + j], xn);
                }
            }
            else
            {
                xr = gi[j];
                xz = gi[n + j];
                xn = gi[2 * n + j];
            }
            if (hasBias)
            {
                xr += bIh[j]; xz += bIh[n + j]; xn += bIh[2 * n + j];
                sr += bHh[j]; sz += bHh[n + j]; sn += bHh[2 * n + j];
            }
            double r = VectorMath.Sigmoid(xr + sr), z = VectorMath.Sigmoid(xz + sz);
            double nn = VectorMath.Tanh(Math.FusedMultiplyAdd(r, sn, xn));
            tape[j] = r;
            tape[n + j] = z;
            tape[2 * n + j] = nn;
            tape[3 * n + j] = sn;
            hNew[j] = Math.FusedMultiplyAdd(z, h[j] - nn, nn);
        }
    }

    /// <summary>
    /// Given the tape row, h and dLoss/dh′: writes the input-side gate gradients <c>[da_r da_z da_n]</c>, the
    /// hidden-side ones <c>[da_r da_z r ⊙ da_n]</c>, and the direct part of dLoss/dh, <c>dh′ ⊙ z</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardRow(ReadOnlySpan<double> tape, ReadOnlySpan<double> h, ReadOnlySpan<double> dhNew,
        Span<double> dInput, Span<double> dHidden, Span<double> dh)
    {
        int n = h.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<double>.One;
            ref double tr = ref MemoryMarshal.GetReference(tape);
            ref double ir = ref MemoryMarshal.GetReference(dInput);
            ref double hr = ref MemoryMarshal.GetReference(dHidden);
            for (; j <= n - 8; j += 8)
            {
                nuint u = (nuint)j, un = (nuint)n;
                var r = Vector512.LoadUnsafe(ref tr, u);
                var z = Vector512.LoadUnsafe(ref tr, un + u);
                var nn = Vector512.LoadUnsafe(ref tr, 2 * un + u);
                var hn = Vector512.LoadUnsafe(ref tr, 3 * un + u);
                var d = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(dhNew), u);
                var hp = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(h), u);
                var dan = d * (one - z) * (one - nn * nn);
                var daz = d * (hp - nn) * z * (one - z);
                var dar = dan * hn * r * (one - r);
                (d * z).StoreUnsafe(ref MemoryMarshal.GetReference(dh), u);
                dar.StoreUnsafe(ref ir, u);
                daz.StoreUnsafe(ref ir, un + u);
                dan.StoreUnsafe(ref ir, 2 * un + u);
                dar.StoreUnsafe(ref hr, u);
                daz.StoreUnsafe(ref hr, un + u);
                (dan * r).StoreUnsafe(ref hr, 2 * un + u);
            }
        }
        for (; j < n; j++)
        {
            double r = tape[j], z = tape[n + j], nn = tape[2 * n + j], hn = tape[3 * n + j], d = dhNew[j];
            double dan = d * (1 - z) * (1 - nn * nn);
            double daz = d * (h[j] - nn) * z * (1 - z);
            double dar = dan * hn * r * (1 - r);
            dh[j] = d * z;
            dInput[j] = dar; dInput[n + j] = daz; dInput[2 * n + j] = dan;
            dHidden[j] = dar; dHidden[n + j] = daz; dHidden[2 * n + j] = dan * r;
        }
    }
}
