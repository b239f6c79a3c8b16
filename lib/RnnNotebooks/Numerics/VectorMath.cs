using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Numerics;

/// <summary>
/// The gate nonlinearities on one 512-bit vector (eight doubles) and on one scalar, so fused
/// per-element kernels evaluate them in registers in a single pass over memory.
/// </summary>
/// <remarks>
/// <para>All three functions start from one reduction: <c>x = n·ln 2 + r</c> with |r| ≤ ln 2 / 2, and e^r as the
/// [6/6] Padé approximant <c>P(r)/Q(r)</c>, where <c>P(r) = E(r²) + r·O(r²)</c> and <c>Q(r) = P(−r)</c> (error
/// below 2⁻⁶⁰ on that range). Written as a ratio, e^x needs no division of its own: the division that the
/// logistic function and tanh make anyway absorbs it, so <c>σ(z) = Q/(Q + 2ⁿP)</c> at <c>x = −z</c>, and
/// <c>tanh(|z|) = (Q − 2ⁿP)/(Q + 2ⁿP)</c> at <c>x = −2|z|</c>, its numerator taken as <c>−2r·O + (1 − 2ⁿ)·P</c>
/// so it does not cancel where n = 0. Below |z| = 1/16 tanh is its Taylor series. Each is within four ulps
/// of the system's functions; the scalar and vector forms compute the same formulas in the same order, so
/// they give the same bits.</para>
/// <para>Written out rather than calling <c>Vector512.Exp</c>: inlined into the fused kernels, and never run at
/// a low JIT tier (the library's generic version starts unoptimised, a visible cost in one-off runs).</para>
/// </remarks>
internal static class VectorMath
{
    /// <summary>Below this |z| the Taylor series of tanh is used.</summary>
    public const double TanhSeriesLimit = 0.0625;

    /// <summary>Above this |z|, tanh(z) rounds to ±1.</summary>
    private const double TanhSaturation = 22;

    private const double C3 = -1.0 / 3, C5 = 2.0 / 15, C7 = -17.0 / 315, C9 = 62.0 / 2835, C11 = -1382.0 / 155925;

    // The [6/6] Padé approximant of e^r: even part 1 + E2 r² + E4 r⁴ + E6 r⁶, odd part r·(O1 + O3 r² + O5 r⁴).
    private const double E2 = 5.0 / 44, E4 = 1.0 / 792, E6 = 1.0 / 665280, O1 = 0.5, O3 = 1.0 / 66, O5 = 1.0 / 15840;
    private const double Log2E = 1.4426950408889634, Ln2High = 6.93147180369123816490e-01, Ln2Low = 1.90821492927058770002e-10;

    /// <summary>e^x of eight values, within two ulps: <c>2ⁿ·P/Q</c>. Below the smallest normal double it flushes to zero; above the largest, +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        Reduce(x, out var even, out var odd, out var scale);
        var result = scale * (even + odd) / (even - odd);
        result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-708.0)), Vector512<double>.Zero, result);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(709.0)), Vector512.Create(double.PositiveInfinity), result);
    }

    /// <summary>Logistic function of eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> z)
    {
        var x = -z;
        Reduce(x, out var even, out var odd, out var scale);
        var p = even + odd;
        var q = even - odd;
        var s = q / Vector512.FusedMultiplyAdd(scale, p, q);
        s = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-708.0)), Vector512<double>.One, s);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(709.0)), Vector512<double>.Zero, s);
    }

    /// <summary>Hyperbolic tangent of eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tanh(Vector512<double> z)
    {
        var one = Vector512<double>.One;
        var abs = Vector512.Abs(z);
        Reduce(abs * Vector512.Create(-2.0), out var even, out var odd, out var scale);
        var p = even + odd;
        var q = even - odd;
        var t = Vector512.FusedMultiplyAdd(one - scale, p, odd * Vector512.Create(-2.0)) / Vector512.FusedMultiplyAdd(scale, p, q);
        t = Vector512.ConditionalSelect(Vector512.GreaterThan(abs, Vector512.Create(TanhSaturation)), one, t);
        var signed = Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<double>.Zero), -t, t);
        var small = Vector512.LessThan(abs, Vector512.Create(TanhSeriesLimit));
        if (small.ExtractMostSignificantBits() == 0) return signed;   // no lane needs the series
        var z2 = z * z;
        var series = z * (one + z2 * (Vector512.Create(C3) + z2 * (Vector512.Create(C5) + z2 * (Vector512.Create(C7)
            + z2 * (Vector512.Create(C9) + z2 * Vector512.Create(C11))))));
        return Vector512.ConditionalSelect(small, series, signed);
    }

    /// <summary>e^x = 2ⁿ·(even + odd)/(even − odd): the Padé parts and 2ⁿ (n clamped to the normal exponents).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(Vector512<double> x, out Vector512<double> even, out Vector512<double> odd, out Vector512<double> scale)
    {
        var n = Vector512.Round(x * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var r2 = r * r;
        even = Vector512.FusedMultiplyAdd(r2, Vector512.Create(E6), Vector512.Create(E4));
        even = Vector512.FusedMultiplyAdd(r2, even, Vector512.Create(E2));
        even = Vector512.FusedMultiplyAdd(r2, even, Vector512<double>.One);
        odd = Vector512.FusedMultiplyAdd(r2, Vector512.Create(O5), Vector512.Create(O3));
        odd = r * Vector512.FusedMultiplyAdd(r2, odd, Vector512.Create(O1));
        var clamped = Vector512.Min(Vector512.Max(n, Vector512.Create(-1022.0)), Vector512.Create(1023.0));
        scale = ((Vector512.ConvertToInt64(clamped) + Vector512.Create(1023L)) << 52).AsDouble();
    }

    /// <summary>Logistic function of one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        double x = -z;
        Reduce(x, out double even, out double odd, out double scale);
        double p = even + odd, q = even - odd;
        if (x < -708.0) return 1;
        if (x > 709.0) return 0;
        return q / Math.FusedMultiplyAdd(scale, p, q);
    }

    /// <summary>Hyperbolic tangent of one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z)
    {
        double abs = Math.Abs(z);
        if (abs < TanhSeriesLimit)
        {
            double z2 = z * z;
            return z * (1 + z2 * (C3 + z2 * (C5 + z2 * (C7 + z2 * (C9 + z2 * C11)))));
        }
        if (double.IsNaN(z)) return z;
        if (abs > TanhSaturation) return z < 0 ? -1 : 1;
        Reduce(abs * -2.0, out double even, out double odd, out double scale);
        double p = even + odd, q = even - odd;
        double t = Math.FusedMultiplyAdd(1 - scale, p, odd * -2.0) / Math.FusedMultiplyAdd(scale, p, q);
        return z < 0 ? -t : t;
    }

    /// <summary>The scalar form of the vector reduction, operation for operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(double x, out double even, out double odd, out double scale)
    {
        double n = Math.Round(x * Log2E);
        double r = Math.FusedMultiplyAdd(n, -Ln2High, x);
        r = Math.FusedMultiplyAdd(n, -Ln2Low, r);
        double r2 = r * r;
        even = Math.FusedMultiplyAdd(r2, Math.FusedMultiplyAdd(r2, Math.FusedMultiplyAdd(r2, E6, E4), E2), 1);
        odd = r * Math.FusedMultiplyAdd(r2, Math.FusedMultiplyAdd(r2, O5, O3), O1);
        double clamped = Math.Min(Math.Max(n, -1022.0), 1023.0);
        scale = BitConverter.Int64BitsToDouble(((long)clamped + 1023L) << 52);
    }
}
