using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Numerics;

/// <summary>
/// The gate nonlinearities on one 512-bit vector (eight doubles) and on one scalar, so fused
/// per-element kernels evaluate them in registers in a single pass over memory.
/// </summary>
/// <remarks>
/// Both forms use the same formulas: <c>σ(z) = 1/(1 + e^−z)</c> (as <c>TensorPrimitives.Sigmoid</c>),
/// and <c>tanh(z) = sign(z)·(1 − e)/(1 + e)</c> with <c>e = e^−2|z|</c>, switching to its Taylor
/// series below |z| = 1/16 where the quotient would cancel. Accurate to a few ulps.
/// </remarks>
internal static class VectorMath
{
    /// <summary>Below this |z| the Taylor series of tanh is used.</summary>
    public const double TanhSeriesLimit = 0.0625;

    private const double C3 = -1.0 / 3, C5 = 2.0 / 15, C7 = -17.0 / 315, C9 = 62.0 / 2835, C11 = -1382.0 / 155925;

    /// <summary>Logistic function of eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> z) =>
        Vector512<double>.One / (Vector512<double>.One + Exp(-z));

    /// <summary>
    /// e^x of eight values, to about one ulp: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to
    /// r¹³ (truncation below 2⁻⁵²), times 2ⁿ built in the exponent bits. Results below the smallest normal
    /// double flush to zero; above the largest, +∞.
    /// </summary>
    /// <remarks>
    /// Written out rather than calling <c>Vector512.Exp</c>: inlined into the fused kernels, and never run
    /// at a low JIT tier (the library's generic version starts unoptimised, a visible cost in one-off runs).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var n = Vector512.Round(x * Vector512.Create(1.4426950408889634));               // x / ln 2
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-6.93147180369123816490e-01), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-1.90821492927058770002e-10), r);
        var p = Vector512.Create(1.0 / 6227020800);                                        // 1/13!
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        var clamped = Vector512.Min(Vector512.Max(n, Vector512.Create(-1022.0)), Vector512.Create(1023.0));
        var scale = ((Vector512.ConvertToInt64(clamped) + Vector512.Create(1023L)) << 52).AsDouble();
        var result = p * scale;
        result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-708.0)), Vector512<double>.Zero, result);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(709.0)), Vector512.Create(double.PositiveInfinity), result);
    }

    /// <summary>Hyperbolic tangent of eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tanh(Vector512<double> z)
    {
        var one = Vector512<double>.One;
        var abs = Vector512.Abs(z);
        var e = Exp(abs * Vector512.Create(-2.0));
        var t = (one - e) / (one + e);
        var signed = Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<double>.Zero), -t, t);
        var small = Vector512.LessThan(abs, Vector512.Create(TanhSeriesLimit));
        if (small.ExtractMostSignificantBits() == 0) return signed;   // no lane needs the series
        var z2 = z * z;
        var series = z * (one + z2 * (Vector512.Create(C3) + z2 * (Vector512.Create(C5) + z2 * (Vector512.Create(C7)
            + z2 * (Vector512.Create(C9) + z2 * Vector512.Create(C11))))));
        return Vector512.ConditionalSelect(small, series, signed);
    }

    /// <summary>Logistic function of one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Hyperbolic tangent of one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z)
    {
        if (Math.Abs(z) < TanhSeriesLimit)
        {
            double z2 = z * z;
            return z * (1 + z2 * (C3 + z2 * (C5 + z2 * (C7 + z2 * (C9 + z2 * C11)))));
        }
        double e = Math.Exp(-2 * Math.Abs(z));
        double t = (1 - e) / (1 + e);
        return z < 0 ? -t : t;
    }
}
