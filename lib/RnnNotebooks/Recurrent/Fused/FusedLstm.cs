using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Cells;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Recurrent.Fused;

/// <summary>
/// Fast path for <see cref="LstmCell"/>, with or without peepholes: the cell's equations over whole sequences.
/// </summary>
/// <remarks>
/// <para>Forward, per step: <c>A = h·W_hhᵀ</c> (+ <c>x·W_ihᵀ</c>) as products against weights transposed once per
/// pass, then one fused pass per row computes the gates, c′ and h′ eight units at a time in registers
/// (<see cref="ForwardRow"/>). A few inputs per step (one, for a series) are added in that pass instead: a product
/// with an inner dimension of one would only write the gate buffer for the next product to read back.</para>
/// <para>Backward, per step: one fused pass per row gives the gate gradients dA and the cell-path part of dc
/// (<see cref="BackwardRow"/>), and one product gives <c>dh = dA·W_hh</c>. The gate gradients of every step
/// are kept, so dW_ih, dW_hh, the biases and dx are one product each over all steps at the end (for a series,
/// dW_ih, the biases and dx share one pass over the gate gradients: <see cref="SingleInputGradients"/>).</para>
/// </remarks>
internal sealed class FusedLstm : FusedKernel
{
    private const int MaxInputsInRowPass = 4;
    private readonly LstmCell _cell;
    private readonly int _n, _inputs;
    private double[] _wIhT = [], _wHhT = [], _bias = [], _gateGradients = [];
    private readonly double[][] _pre = [[], []], _laneGradients = [[], []];

    public FusedLstm(LstmCell cell) : base(cell.Parameters, cell.HiddenSize)
    {
        _cell = cell;
        _n = cell.HiddenSize;
        _inputs = cell.InputSize;
    }

    /// <inheritdoc />
    public override void BeginForward(SequenceBuffers sequence)
    {
        int g4 = 4 * _n;
        Gemm.Transpose(_cell.WeightIh.Value, g4, _inputs, Workspace(ref _wIhT, _inputs * g4));
        Gemm.Transpose(_cell.WeightHh.Value, g4, _n, Workspace(ref _wHhT, _n * g4));
        if (_cell.BiasIh is { } bIh)
            System.Numerics.Tensors.TensorPrimitives.Add(bIh.Value, _cell.BiasHh!.Value, Workspace(ref _bias, g4));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(SequenceBuffers sequence, int t, RowRange rows)
    {
        int n = _n, g4 = 4 * n, count = rows.Count;
        var pre = Workspace(ref _pre[rows.Part], count * g4);
        var gates = Matrix.Writable(pre, count, g4);
        var state = sequence.State(t, rows);
        var x = sequence.Input(t, rows);
        bool inputsInRowPass = _inputs <= MaxInputsInRowPass;
        // A = h·W_hhᵀ + x·W_ihᵀ; from a zero state the first step's h·W_hhᵀ is zero
        if (t == 0 && sequence.StartsFromZero) pre.Clear();
        else Gemm.Multiply(Matrix.Of(state, count, n, rowStride: 2 * n), Matrix.Of(_wHhT, n, g4), gates, accumulate: false);
        if (!inputsInRowPass)
            Gemm.Multiply(Matrix.Of(x, count, _inputs), Matrix.Of(_wIhT, _inputs, g4), gates, accumulate: true);
        var next = sequence.State(t + 1, rows);
        var tape = sequence.Tape(t, rows);
        ReadOnlySpan<double> bias = _cell.HasBias ? _bias.AsSpan(0, g4) : default;
        ReadOnlySpan<double> wIhT = inputsInRowPass ? _wIhT.AsSpan(0, _inputs * g4) : default;
        var peep = PeepholeWeights();
        for (int r = 0; r < count; r++)
            ForwardRow(pre.Slice(r * g4, g4), bias, inputsInRowPass ? x.Slice(r * _inputs, _inputs) : default, wIhT,
                state.Slice(r * 2 * n + n, n), peep, tape.Slice(r * 5 * n, 5 * n), next.Slice(r * 2 * n, n), next.Slice(r * 2 * n + n, n));
    }

    /// <inheritdoc />
    public override void BeginBackward(SequenceBuffers sequence)
    {
        base.BeginBackward(sequence);
        Workspace(ref _gateGradients, sequence.Time * sequence.Batch * 4 * _n);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(SequenceBuffers sequence, int t, RowRange rows, LaneGradients lanes)
    {
        int n = _n, g4 = 4 * n, count = rows.Count;
        var stepGradients = _gateGradients.AsSpan(sequence.Row(t, rows) * g4, count * g4);
        if (lanes.Count == 0)
        {
            stepGradients.Clear();
            return;
        }
        var laneGradients = lanes.Count == 1 ? stepGradients : Workspace(ref _laneGradients[rows.Part], lanes.Count * count * g4);
        var state = sequence.State(t, rows);
        var next = sequence.State(t + 1, rows);
        var tape = sequence.Tape(t, rows);
        var peep = PeepholeWeights();
        var peepGrad = PeepholeGradientsOf(rows);
        for (int lane = 0; lane < lanes.Count; lane++)
            for (int r = 0; r < count; r++)
            {
                int row = lane * count + r;
                BackwardRow(tape.Slice(r * 5 * n, 5 * n), state.Slice(r * 2 * n + n, n), next.Slice(r * 2 * n + n, n),
                    lanes.NewState.Slice(row * 2 * n, n), lanes.NewState.Slice(row * 2 * n + n, n), peep, peepGrad,
                    laneGradients.Slice(row * g4, g4), lanes.State.Slice(row * 2 * n + n, n));
            }
        if (lanes.Count > 1)
        {
            // Every parameter gradient is linear in dA: the lanes' sum serves them all.
            SumLanes(laneGradients, lanes.Count, stepGradients);
        }
        // dh = dA·W_hh, into the h half of each lane's [dh, dc] rows
        Gemm.Multiply(Matrix.Of(laneGradients, lanes.Count * count, g4), Matrix.Of(_cell.WeightHh.Value, g4, n),
            Matrix.Writable(lanes.State, lanes.Count * count, n, rowStride: 2 * n), accumulate: false);
    }

    /// <inheritdoc />
    public override void EndBackward(SequenceBuffers sequence, RowRange rows)
    {
        int n = _n, g4 = 4 * n, steps = sequence.Time * rows.Count;
        var gateGradients = _gateGradients.AsSpan(sequence.Row(0, rows) * g4, steps * g4);
        WeightGradients(sequence, rows, gateGradients, g4, stateStride: 2 * n, _cell.WeightIh, _cell.WeightHh, _cell.BiasIh, _cell.BiasHh);
    }

    private Peepholes PeepholeWeights() =>
        _cell.PeepholeWeights is (var ci, var cf, var co) ? new Peepholes(ci.Value, cf.Value, co.Value) : default;

    private PeepholeGradients PeepholeGradientsOf(RowRange rows) =>
        _cell.PeepholeWeights is (var ci, var cf, var co) ? new PeepholeGradients(Gradient(ci, rows), Gradient(cf, rows), Gradient(co, rows)) : default;

    /// <summary>Peephole weights <c>w_ci, w_cf, w_co</c> [H] each, or all empty for a plain LSTM.</summary>
    private readonly ref struct Peepholes(ReadOnlySpan<double> ci, ReadOnlySpan<double> cf, ReadOnlySpan<double> co)
    {
        public readonly ReadOnlySpan<double> Ci = ci, Cf = cf, Co = co;

        public bool Present => !Ci.IsEmpty;
    }

    /// <summary>Where the peephole gradients <c>dw_ci, dw_cf, dw_co</c> accumulate; empty for a plain LSTM.</summary>
    private readonly ref struct PeepholeGradients(Span<double> ci, Span<double> cf, Span<double> co)
    {
        public readonly Span<double> Ci = ci, Cf = cf, Co = co;
    }

    /// <summary>
    /// From the pre-activations <paramref name="a"/> <c>[a_i a_f a_g a_o]</c> (4H, without biases), the summed
    /// biases <paramref name="bias"/> (4H, or empty), the inputs <paramref name="x"/> still to project through
    /// <paramref name="wIhT"/> (<c>[I, 4H]</c>; both empty when the product did it) and c: writes the tape row
    /// <c>[i f g o tanh c′]</c> (5H), h′ and c′.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRow(ReadOnlySpan<double> a, ReadOnlySpan<double> bias, ReadOnlySpan<double> x, ReadOnlySpan<double> wIhT,
        ReadOnlySpan<double> cPrev, Peepholes peep, Span<double> tape, Span<double> h, Span<double> c)
    {
        bool hasBias = !bias.IsEmpty;
        int n = cPrev.Length, j = 0, g4 = 4 * n;
        bool hasPeep = peep.Present;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double ar = ref MemoryMarshal.GetReference(a);
            ref double tr = ref MemoryMarshal.GetReference(tape);
            for (; j <= n - 8; j += 8)
            {
                nuint u = (nuint)j, un = (nuint)n;
                var cp = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(cPrev), u);
                var ai = Vector512.LoadUnsafe(ref ar, u);
                var af = Vector512.LoadUnsafe(ref ar, un + u);
                var ag = Vector512.LoadUnsafe(ref ar, 2 * un + u);
                var ao = Vector512.LoadUnsafe(ref ar, 3 * un + u);
                if (hasBias)
                {
                    ref double br = ref MemoryMarshal.GetReference(bias);
                    ai += Vector512.LoadUnsafe(ref br, u);
                    af += Vector512.LoadUnsafe(ref br, un + u);
                    ag += Vector512.LoadUnsafe(ref br, 2 * un + u);
                    ao += Vector512.LoadUnsafe(ref br, 3 * un + u);
                }
                for (int k = 0; k < x.Length; k++)
                {
                    var xk = Vector512.Create(x[k]);
                    ref double wr = ref Unsafe.Add(ref MemoryMarshal.GetReference(wIhT), k * g4);
                    ai = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, u), ai);
                    af = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, un + u), af);
                    ag = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, 2 * un + u), ag);
                    ao = Vector512.FusedMultiplyAdd(xk, Vector512.LoadUnsafe(ref wr, 3 * un + u), ao);
                }
                if (hasPeep)
                {
                    ai = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Ci), u), cp, ai);
                    af = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Cf), u), cp, af);
                }
                var i = VectorMath.Sigmoid(ai);
                var f = VectorMath.Sigmoid(af);
                var g = VectorMath.Tanh(ag);
                var cn = Vector512.FusedMultiplyAdd(i, g, f * cp);
                if (hasPeep) ao = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Co), u), cn, ao);
                var o = VectorMath.Sigmoid(ao);
                var tc = VectorMath.Tanh(cn);
                i.StoreUnsafe(ref tr, u);
                f.StoreUnsafe(ref tr, un + u);
                g.StoreUnsafe(ref tr, 2 * un + u);
                o.StoreUnsafe(ref tr, 3 * un + u);
                tc.StoreUnsafe(ref tr, 4 * un + u);
                cn.StoreUnsafe(ref MemoryMarshal.GetReference(c), u);
                (o * tc).StoreUnsafe(ref MemoryMarshal.GetReference(h), u);
            }
        }
        for (; j < n; j++)
        {
            double cp = cPrev[j], ai = a[j], af = a[n + j], ag = a[2 * n + j], ao = a[3 * n + j];
            if (hasBias)
            {
                ai += bias[j];
                af += bias[n + j];
                ag += bias[2 * n + j];
                ao += bias[3 * n + j];
            }
            for (int k = 0; k < x.Length; k++)
            {
                var w = wIhT.Slice(k * g4, g4);
                ai = Math.FusedMultiplyAdd(x[k], w[j], ai);
                af = Math.FusedMultiplyAdd(x[k], w[n + j], af);
                ag = Math.FusedMultiplyAdd(x[k], w[2 * n + j], ag);
                ao = Math.FusedMultiplyAdd(x[k], w[3 * n + j], ao);
            }
            if (hasPeep)
            {
                ai = Math.FusedMultiplyAdd(peep.Ci[j], cp, ai);
                af = Math.FusedMultiplyAdd(peep.Cf[j], cp, af);
            }
            double i = VectorMath.Sigmoid(ai), f = VectorMath.Sigmoid(af), g = VectorMath.Tanh(ag);
            double cn = Math.FusedMultiplyAdd(i, g, f * cp);
            if (hasPeep) ao = Math.FusedMultiplyAdd(peep.Co[j], cn, ao);
            double o = VectorMath.Sigmoid(ao), tc = VectorMath.Tanh(cn);
            tape[j] = i;
            tape[n + j] = f;
            tape[2 * n + j] = g;
            tape[3 * n + j] = o;
            tape[4 * n + j] = tc;
            c[j] = cn;
            h[j] = o * tc;
        }
    }

    /// <summary>
    /// Given the tape row, c, c′ and dLoss/dh′, dLoss/dc′: writes the gate gradients <paramref name="da"/>
    /// <c>[da_i da_f da_g da_o]</c> (4H) and dLoss/dc through the cell path (the h path goes through
    /// W_hh in a matrix product), and adds the peephole gradients.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardRow(ReadOnlySpan<double> tape, ReadOnlySpan<double> cPrev, ReadOnlySpan<double> c,
        ReadOnlySpan<double> dh, ReadOnlySpan<double> dcIn, Peepholes peep, PeepholeGradients peepGrad,
        Span<double> da, Span<double> dcPrev)
    {
        int n = cPrev.Length, j = 0;
        bool hasPeep = peep.Present;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<double>.One;
            ref double tr = ref MemoryMarshal.GetReference(tape);
            ref double dr = ref MemoryMarshal.GetReference(da);
            for (; j <= n - 8; j += 8)
            {
                nuint u = (nuint)j, un = (nuint)n;
                var i = Vector512.LoadUnsafe(ref tr, u);
                var f = Vector512.LoadUnsafe(ref tr, un + u);
                var g = Vector512.LoadUnsafe(ref tr, 2 * un + u);
                var o = Vector512.LoadUnsafe(ref tr, 3 * un + u);
                var tc = Vector512.LoadUnsafe(ref tr, 4 * un + u);
                var cp = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(cPrev), u);
                var dhj = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(dh), u);
                var dao = dhj * tc * o * (one - o);
                var dc = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(dcIn), u) + dhj * o * (one - tc * tc);
                if (hasPeep) dc += dao * Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Co), u);
                var dai = dc * g * i * (one - i);
                var daf = dc * cp * f * (one - f);
                var dag = dc * i * (one - g * g);
                var dcp = dc * f;
                if (hasPeep)
                {
                    dcp += dai * Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Ci), u)
                        + daf * Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(peep.Cf), u);
                    Accumulate(peepGrad.Ci, u, dai * cp);
                    Accumulate(peepGrad.Cf, u, daf * cp);
                    Accumulate(peepGrad.Co, u, dao * Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(c), u));
                }
                dcp.StoreUnsafe(ref MemoryMarshal.GetReference(dcPrev), u);
                dai.StoreUnsafe(ref dr, u);
                daf.StoreUnsafe(ref dr, un + u);
                dag.StoreUnsafe(ref dr, 2 * un + u);
                dao.StoreUnsafe(ref dr, 3 * un + u);
            }
        }
        for (; j < n; j++)
        {
            double i = tape[j], f = tape[n + j], g = tape[2 * n + j], o = tape[3 * n + j], tc = tape[4 * n + j];
            double dao = dh[j] * tc * o * (1 - o);
            double dc = dcIn[j] + dh[j] * o * (1 - tc * tc);
            if (hasPeep) dc += dao * peep.Co[j];
            double dai = dc * g * i * (1 - i);
            double daf = dc * cPrev[j] * f * (1 - f);
            double dag = dc * i * (1 - g * g);
            double dcp = dc * f;
            if (hasPeep)
            {
                dcp += dai * peep.Ci[j] + daf * peep.Cf[j];
                peepGrad.Ci[j] += dai * cPrev[j];
                peepGrad.Cf[j] += daf * cPrev[j];
                peepGrad.Co[j] += dao * c[j];
            }
            dcPrev[j] = dcp;
            da[j] = dai;
            da[n + j] = daf;
            da[2 * n + j] = dag;
            da[3 * n + j] = dao;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Span<double> destination, nuint offset, Vector512<double> value)
    {
        ref double r = ref MemoryMarshal.GetReference(destination);
        (Vector512.LoadUnsafe(ref r, offset) + value).StoreUnsafe(ref r, offset);
    }
}
