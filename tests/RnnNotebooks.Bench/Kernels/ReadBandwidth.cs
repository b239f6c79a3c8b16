using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>
/// How fast one thread reads a buffer it has just read (so it sits in the cache level its size allows): the
/// ceiling of a product that uses each value it reads for one multiply-add. Used for operands beyond L1, where
/// the cache's bandwidth, not the loads a core can issue, sets the rate.
/// </summary>
public static class ReadBandwidth
{
    /// <summary>Best GB/s over repeated sums of a buffer of <paramref name="bytes"/>.</summary>
    public static double GigabytesPerSecond(double bytes)
    {
        var buffer = new double[Math.Max(32, (int)Math.Ceiling(bytes / 8 / 32) * 32)];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = i;
        int passes = (int)Math.Clamp(2e8 / (buffer.Length * 8.0), 20, 200_000);
        double best = double.MaxValue, sink = 0;
        for (int trial = 0; trial < 7; trial++)
        {
            var clock = Stopwatch.StartNew();
            for (int pass = 0; pass < passes; pass++) sink += Sum(buffer);
            best = Math.Min(best, clock.Elapsed.TotalSeconds / passes);
        }
        GC.KeepAlive(sink);
        return buffer.Length * 8.0 / best / 1e9;
    }

    // Eight independent sums, so the adds' latency never limits the loads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double Sum(double[] buffer)
    {
        var s0 = Vector256<double>.Zero;
        Vector256<double> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        fixed (double* p = buffer)
            for (int i = 0; i < buffer.Length; i += 32)
            {
                s0 += Vector256.Load(p + i); s1 += Vector256.Load(p + i + 4);
                s2 += Vector256.Load(p + i + 8); s3 += Vector256.Load(p + i + 12);
                s4 += Vector256.Load(p + i + 16); s5 += Vector256.Load(p + i + 20);
                s6 += Vector256.Load(p + i + 24); s7 += Vector256.Load(p + i + 28);
            }
        return Vector256.Sum(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
    }
}
