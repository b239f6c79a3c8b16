using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>
/// The machine's float64 peak: fused multiply-adds on independent registers, so neither memory
/// nor instruction latency limits them, one thread per core.
/// </summary>
/// <remarks>
/// <para>Each trial starts one dedicated thread per core at a barrier and times the slowest of them, so every
/// trial measures the threads running together (<c>Parallel.For</c> may run both halves one after the other on
/// the calling thread, which reads as the one-thread peak).</para>
/// <para>On a virtual machine the host decides, from one moment to the next, whether two virtual cores get two
/// physical cores or share one: short trials of the same code read anywhere from one core's rate to two cores'.
/// The peak is the best trial, which is what the hardware can do; <see cref="Peak.Median"/> tells how much of it
/// the host typically gave while the peak was measured.</para>
/// </remarks>
public static class FmaPeak
{
    /// <summary>Iterations per trial: about 5 ms at 60 GFLOP/s per thread, short enough to catch a quiet moment.</summary>
    private const int Iterations = 400_000;

    private const int Trials = 40;

    /// <summary>Best and median GFLOP/s over the trials on <paramref name="threads"/> threads.</summary>
    public sealed record Peak(double Best, double Median, int Threads)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Best:F1} GFLOP/s on {Threads} thread{(Threads == 1 ? "" : "s")} (median trial {Median:F1})";
    }

    /// <summary>Measures the peak on <paramref name="threads"/> threads running together.</summary>
    public static Peak Measure(int threads)
    {
        for (int i = 0; i < 50; i++) Run(Iterations / 50); // compile before timing
        var rates = new List<double>(Trials);
        for (int trial = 0; trial < Trials; trial++)
        {
            var seconds = new double[threads];
            using var start = new Barrier(threads);
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                int index = t;
                workers[t] = new Thread(() =>
                {
                    start.SignalAndWait();
                    var clock = Stopwatch.StartNew();
                    Run(Iterations);
                    seconds[index] = clock.Elapsed.TotalSeconds;
                });
                workers[t].Start();
            }
            foreach (var worker in workers) worker.Join();
            rates.Add(FlopsPerRun(Iterations) * threads / seconds.Max() / 1e9);
        }
        return new Peak(rates.Max(), Harness.Stats.Median(rates), threads);
    }

    private static double FlopsPerRun(int iterations) =>
        2.0 * (Vector512.IsHardwareAccelerated ? 8 : 4) * 12 * iterations;

    private static double Run(int iterations) =>
        Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    // Twelve chains cover the FMA latency (4 cycles) times its throughput (2 per cycle for 256-bit halves).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
