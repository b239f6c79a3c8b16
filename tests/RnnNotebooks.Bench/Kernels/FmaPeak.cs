using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>
/// The machine's float64 peak: fused multiply-adds on independent registers, so neither memory
/// nor instruction latency limits them, one thread per core.
/// </summary>
public static class FmaPeak
{
    private const int Iterations = 10_000_000;

    /// <summary>Best GFLOP/s over a few trials on <paramref name="threads"/> threads.</summary>
    public static double Measure(int threads)
    {
        Run(Iterations / 20); // compile before timing
        double best = 0;
        for (int trial = 0; trial < 12; trial++)
        {
            var stopwatch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Run(Iterations));
            double seconds = stopwatch.Elapsed.TotalSeconds;
            best = Math.Max(best, FlopsPerRun(Iterations) * threads / seconds / 1e9);
        }
        return best;
    }

    private static double FlopsPerRun(int iterations) =>
        2.0 * (Vector512.IsHardwareAccelerated ? 8 : 4) * 12 * iterations;

    private static double Run(int iterations) =>
        Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    // Twelve chains cover the FMA latency (4 cycles) times its throughput (2 per cycle for 256-bit halves).
    private static double Run512(int iterations)
    {
        var m = Vector512.Create(0.999999999);
        var s = Vector512.Create(1e-9);
        Vector512<double> a0 = Vector512.Create(1.0), a1 = a0 + s, a2 = a1 + s, a3 = a2 + s, a4 = a3 + s, a5 = a4 + s,
            a6 = a5 + s, a7 = a6 + s, a8 = a7 + s, a9 = a8 + s, a10 = a9 + s, a11 = a10 + s;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, s); a1 = Vector512.FusedMultiplyAdd(a1, m, s);
            a2 = Vector512.FusedMultiplyAdd(a2, m, s); a3 = Vector512.FusedMultiplyAdd(a3, m, s);
            a4 = Vector512.FusedMultiplyAdd(a4, m, s); a5 = Vector512.FusedMultiplyAdd(a5, m, s);
            a6 = Vector512.FusedMultiplyAdd(a6, m, s); a7 = Vector512.FusedMultiplyAdd(a7, m, s);
            a8 = Vector512.FusedMultiplyAdd(a8, m, s); a9 = Vector512.FusedMultiplyAdd(a9, m, s);
            a10 = Vector512.FusedMultiplyAdd(a10, m, s); a11 = Vector512.FusedMultiplyAdd(a11, m, s);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    private static double Run256(int iterations)
    {
        var m = Vector256.Create(0.999999999);
        var s = Vector256.Create(1e-9);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0 + s, a2 = a1 + s, a3 = a2 + s, a4 = a3 + s, a5 = a4 + s,
            a6 = a5 + s, a7 = a6 + s, a8 = a7 + s, a9 = a8 + s, a10 = a9 + s, a11 = a10 + s;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, s); a1 = Vector256.FusedMultiplyAdd(a1, m, s);
            a2 = Vector256.FusedMultiplyAdd(a2, m, s); a3 = Vector256.FusedMultiplyAdd(a3, m, s);
            a4 = Vector256.FusedMultiplyAdd(a4, m, s); a5 = Vector256.FusedMultiplyAdd(a5, m, s);
            a6 = Vector256.FusedMultiplyAdd(a6, m, s); a7 = Vector256.FusedMultiplyAdd(a7, m, s);
            a8 = Vector256.FusedMultiplyAdd(a8, m, s); a9 = Vector256.FusedMultiplyAdd(a9, m, s);
            a10 = Vector256.FusedMultiplyAdd(a10, m, s); a11 = Vector256.FusedMultiplyAdd(a11, m, s);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
