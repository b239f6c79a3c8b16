using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Cells;

/// <summary>
/// The LSTM's elementwise equations for one example row, fused into one pass over its H units
/// (eight at a time in 512-bit registers, the remainder one by one with the same formulas).
/// </summary>
/// <remarks>
/// Fusing matters because H is small (tens of units): one call per row instead of ten
/// <c>TensorPrimitives</c> calls on H-element slices, and no intermediate written to memory.
/// </remarks>
internal static class LstmKernels
{
    /// <summary>Peephole weights <c>w_ci, w_cf, w_co</c> [H] each, or all empty for a plain LSTM.</summary>
    public readonly ref struct Peepholes(ReadOnlySpan<double> ci, ReadOnlySpan<double> cf, ReadOnlySpan<double> co)
    {
        /// <summary>w_ci.</summary>
        public readonly ReadOnlySpan<double> Ci = ci;

        /// <summary>w_cf.</summary>
        public readonly ReadOnlySpan<double> Cf = cf;

        /// <summary>w_co.</summary>
        public readonly ReadOnlySpan<double> Co = co;

        /// <summary>Whether the weights are present.</summary>
        public bool Present => !Ci.IsEmpty;
    }

    /// <summary>Peephole gradients <c>dw_ci, dw_cf, dw_co</c>, accumulated into; empty for a plain LSTM.</summary>
    public readonly ref struct PeepholeGrads(Span<double> ci, Span<double> cf, Span<double> co)
    {
        /// <summary>dw_ci.</summary>
        public readonly Span<double> Ci = ci;

        /// <summary>dw_cf.</summary>
        public readonly Span<double> Cf = cf;

        /// <summary>dw_co.</summary>
        public readonly Span<double> Co = co;
    }

    /// <summary>
    /// From the pre-activations <paramref name="a"/> <c>[a_i a_f a_g a_o]</c> (4H, without biases), the summed
    /// biases <paramref name="bias"/> (4H, or empty) and c: writes the tape row <c>[i f g o tanh c′]</c> (5H), h′ and c′.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardRow(ReadOnlySpan<double> a, ReadOnlySpan<double> bias, ReadOnlySpan<double> cPrev, Peepholes peep,
        Span<double> tape, Span<double> h, Span<double> c)
    {
        bool hasBias = !bias.IsEmpty;
        int n = cPrev.Length, j = 0;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackwardRow(ReadOnlySpan<double> tape, ReadOnlySpan<double> cPrev, ReadOnlySpan<double> c,
        ReadOnlySpan<double> dh, ReadOnlySpan<double> dcIn, Peepholes peep, PeepholeGrads peepGrad,
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
