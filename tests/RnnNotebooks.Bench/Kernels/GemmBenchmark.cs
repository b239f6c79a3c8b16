using System.Diagnostics;
using System.Text.Json;
using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>GFLOP/s of <see cref="Gemm"/> per shape, against the naive loop and against NumPy and PyTorch.</summary>
public static class GemmBenchmark
{
    private delegate void Product(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c,
        int m, int k, int n, bool transposeA, bool transposeB, bool accumulate);

    /// <summary>One shape's throughput on every side, in GFLOP/s.</summary>
    public sealed record Row(string Shape, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate,
        double OursNanoseconds, double OursGflops, double NaiveGflops, double? TorchGflops, double? NumpyGflops);

    /// <summary>Measures every shape of <see cref="GemmShape.Recurrent"/> and prints a table.</summary>
    public static IReadOnlyList<Row> Run(Repository repository, double peakGflops, bool noPeer = false)
    {
        var peer = noPeer ? null : PythonPeer.Run(repository, "gemm.py", [JsonSerializer.Serialize(GemmShape.Recurrent.Select(s =>
            new { name = s.Name, m = s.M, k = s.K, n = s.N, ta = s.TransposeA, tb = s.TransposeB, acc = s.Accumulate }))]);
        var rows = new List<Row>();
        Console.WriteLine($"{"shape",-38} {"ours ns",9} {"ours",7} {"naive",7} {"torch",7} {"numpy",7} {"×naive",7} {"×torch",7} {"%peak",6}");
        foreach (var shape in GemmShape.Recurrent)
        {
            double ours = SecondsPerCall(shape, Gemm.Multiply);
            double naive = SecondsPerCall(shape, NaiveGemm.Multiply);
            double? torch = peer?.GetProperty(shape.Name).GetProperty("torch_s").GetDouble();
            double? numpy = peer?.GetProperty(shape.Name).GetProperty("numpy_s").GetDouble();
            var row = new Row(shape.Name, shape.M, shape.K, shape.N, shape.TransposeA, shape.TransposeB, shape.Accumulate,
                ours * 1e9, shape.Flops / ours / 1e9, shape.Flops / naive / 1e9,
                torch is null ? null : shape.Flops / torch.Value / 1e9, numpy is null ? null : shape.Flops / numpy.Value / 1e9);
            rows.Add(row);
            Console.WriteLine($"{shape.Name,-38} {row.OursNanoseconds,9:F0} {row.OursGflops,7:F2} {row.NaiveGflops,7:F2} " +
                $"{Format(row.TorchGflops),7} {Format(row.NumpyGflops),7} {naive / ours,7:F1} {Format(torch / ours),7} " +
                $"{100 * row.OursGflops / peakGflops,6:F1}");
        }
        return rows;
    }

    private static string Format(double? value) => value is null ? "n/a" : value.Value.ToString("F2");

    /// <summary>Best of several timed batches, each long enough to dwarf the timer.</summary>
    private static double SecondsPerCall(GemmShape s, Product product)
    {
        var random = new System.Random(7);
        var a = Enumerable.Range(0, s.M * s.K).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, s.K * s.N).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = new double[s.M * s.N];
        void Call() => product(a, b, c, s.M, s.K, s.N, s.TransposeA, s.TransposeB, s.Accumulate);

        int calls = 1;
        while (true)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) Call();
            if (stopwatch.Elapsed.TotalSeconds > 0.02) break;
            calls *= 2;
        }
        double best = double.MaxValue;
        for (int trial = 0; trial < 7; trial++)
        {
            Array.Clear(c);
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) Call();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds / calls);
        }
        return best;
    }
}
