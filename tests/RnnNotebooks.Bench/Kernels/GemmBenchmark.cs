using System.Diagnostics;
using System.Text.Json;
using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Bench.Kernels;

/// <summary>GFLOP/s of <see cref="Gemm"/> per shape, against the naive loop, OpenBLAS on one thread, NumPy and PyTorch.</summary>
public static class GemmBenchmark
{
    /// <summary>One shape's throughput on every side, in GFLOP/s, and ours as a share of one core's peak.</summary>
    public sealed record Row(string Shape, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate,
        double OursNanoseconds, double OursGflops, double PeakShare, double? Target, bool? Met, double NaiveGflops,
        double? OpenBlasGflops, double? TorchGflops, double? NumpyGflops, double FlopsPerByte, double? BoundShare);

    /// <summary>Measures every shape of <see cref="GemmShape.Recurrent"/> and prints a table.</summary>
    public static IReadOnlyList<Row> Run(Repository repository, double peakOneCore, bool noPeer = false)
    {
        var peer = noPeer ? null : PythonPeer.Run(repository, "gemm.py", [JsonSerializer.Serialize(GemmShape.Recurrent.Select(s =>
            new { name = s.Name, m = s.M, k = s.K, n = s.N, ta = s.TransposeA, tb = s.TransposeB, acc = s.Accumulate }))]);
        Console.WriteLine(OpenBlas.Available ? $"OpenBLAS on one thread, kernels for {OpenBlas.Core}" : "OpenBLAS: libopenblas.so.0 not found");
        var rows = new List<Row>();
        Console.WriteLine("bound: for operands beyond L1 (64 KiB), the share of one core's peak that reading each once allows, at the read bandwidth measured on a buffer of their size");
        Console.WriteLine($"{"shape",-40} {"ours ns",9} {"ours",7} {"%1core",7} {"target",7} {"met",4} {"FLOP/B",6} {"bound",6} {"naive",7} {"openblas",8} {"torch",7} {"numpy",7}");
        foreach (var shape in GemmShape.Recurrent)
        {
            var operands = new Operands(shape);
            double ours = SecondsPerCall(operands.Ours);
            double naive = SecondsPerCall(operands.Naive);
            double? blas = OpenBlas.Available ? SecondsPerCall(operands.OpenBlas) : null;
            double? torch = peer?.GetProperty(shape.Name).GetProperty("torch_s").GetDouble();
            double? numpy = peer?.GetProperty(shape.Name).GetProperty("numpy_s").GetDouble();
            double gflops = shape.Flops / ours / 1e9, share = gflops / peakOneCore;
            double intensity = shape.Flops / shape.OperandBytes;
            double? bound = shape.OperandBytes > 64 * 1024
                ? Math.Min(1, intensity * ReadBandwidth.GigabytesPerSecond(shape.OperandBytes) / peakOneCore) : null;
            var row = new Row(shape.Name, shape.M, shape.K, shape.N, shape.TransposeA, shape.TransposeB, shape.Accumulate,
                ours * 1e9, gflops, share, shape.Target, shape.Target is { } t ? share >= t : null, shape.Flops / naive / 1e9,
                Rate(shape, blas), Rate(shape, torch), Rate(shape, numpy), intensity, bound);
            rows.Add(row);
            Console.WriteLine($"{shape.Name,-40} {row.OursNanoseconds,9:F0} {row.OursGflops,7:F2} {100 * share,6:F1}% " +
                $"{(shape.Target is { } target ? $"≥{100 * target:F0}%" : "-"),7} {(row.Met is null ? "-" : row.Met.Value ? "yes" : "NO"),4} " +
                $"{intensity,6:F2} {(bound is { } b ? $"{100 * b:F0}%" : "-"),6} " +
                $"{row.NaiveGflops,7:F2} {Format(row.OpenBlasGflops),8} {Format(row.TorchGflops),7} {Format(row.NumpyGflops),7}");
        }
        return rows;
    }

    private static double? Rate(GemmShape shape, double? seconds) => seconds is { } s ? shape.Flops / s / 1e9 : null;

    private static string Format(double? value) => value is null ? "n/a" : value.Value.ToString("F2");

    /// <summary>The shape's operands, stored with its padding, and one call on each side.</summary>
    private sealed class Operands
    {
        private readonly GemmShape _s;
        private readonly double[] _a, _b, _c, _packedA, _packedB, _packedC;

        public Operands(GemmShape s)
        {
            _s = s;
            var random = new System.Random(7);
            double[] Fill(int length) => [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5)];
            _a = Fill(s.StoredA.Rows * (s.StoredA.Cols + s.PadA));
            _b = Fill(s.StoredB.Rows * (s.StoredB.Cols + s.PadB));
            _c = new double[s.M * (s.N + s.PadC)];
            _packedA = Fill(s.M * s.K);
            _packedB = Fill(s.K * s.N);
            _packedC = new double[s.M * s.N];
        }

        public void Ours()
        {
            var a = Matrix.Of(_a, _s.StoredA.Rows, _s.StoredA.Cols, _s.StoredA.Cols + _s.PadA);
            var b = Matrix.Of(_b, _s.StoredB.Rows, _s.StoredB.Cols, _s.StoredB.Cols + _s.PadB);
            Gemm.Multiply(_s.TransposeA ? a.Transposed : a, _s.TransposeB ? b.Transposed : b, Matrix.Writable(_c, _s.M, _s.N, _s.N + _s.PadC), _s.Accumulate);
        }

        public void Naive() => NaiveGemm.Multiply(_packedA, _packedB, _packedC, _s.M, _s.K, _s.N, _s.TransposeA, _s.TransposeB, _s.Accumulate);

        public void OpenBlas() => Kernels.OpenBlas.Multiply(_a, _s.StoredA.Cols + _s.PadA, _b, _s.StoredB.Cols + _s.PadB, _c, _s.N + _s.PadC,
            _s.M, _s.K, _s.N, _s.TransposeA, _s.TransposeB, _s.Accumulate);
    }

    /// <summary>Best of several timed batches, each long enough to dwarf the timer.</summary>
    private static double SecondsPerCall(Action call)
    {
        int calls = 1;
        while (true)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) call();
            if (stopwatch.Elapsed.TotalSeconds > 0.02) break;
            calls *= 2;
        }
        double best = double.MaxValue;
        for (int trial = 0; trial < 7; trial++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) call();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds / calls);
        }
        return best;
    }
}
