using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RnnNotebooks.Bench.Harness;

/// <summary>Prints the summary table and writes the whole run as JSON under <c>artifacts/bench/</c>.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The table: ours, PyTorch, ratio, GFLOP/s, % of peak, time per step, the target and whether it was met, then each side's result.</summary>
    public static void PrintTable(IReadOnlyList<WorkloadReport> reports)
    {
        Console.WriteLine();
        Console.WriteLine($"{"workload",-22} {"ours (s)",9} {"torch (s)",9} {"torch/ours",10} {"GFLOP/s",8} {"% peak",7} {"ns/step",8} {"target",15}  met");
        foreach (var r in reports)
        {
            if (r.Skipped is not null)
            {
                Console.WriteLine($"{r.Name,-22} not available: {r.Skipped}");
                continue;
            }
            Console.WriteLine($"{r.Name,-22} {F(r.Ours?.Median, "F4"),9} {F(r.Torch?.Median, "F3"),9} {F(r.SpeedUp, "F1"),10} " +
                $"{F(r.Gflops, "F2"),8} {F(100 * r.PeakFraction, "F1"),7} {F(r.NanosecondsPerStep, "F0"),8} {r.Target?.ToString() ?? "-",15}  " +
                $"{(r.MeetsTarget is null ? "-" : r.MeetsTarget.Value ? "yes" : "NO")}");
        }
        Console.WriteLine();
        foreach (var r in reports.Where(r => r.Skipped is null))
        {
            Console.WriteLine($"{r.Name}: {r.Description}");
            Console.WriteLine($"  ours : {BenchRunner.Describe(r.Ours?.Result)}{(r.Ours?.Error is { } e ? $" error: {e}" : "")}");
            if (r.Torch is not null)
                Console.WriteLine($"  torch: {BenchRunner.Describe(r.Torch.Result)}{(r.Torch.Error is { } t ? $" error: {t}" : "")}");
            if (r.Flops is not null) Console.WriteLine($"  FLOPs: {r.Flops.Total / 1e9:F3} G = {r.Flops.Derivation}");
        }
    }

    private static string F(double? value, string format) => value is null ? "-" : value.Value.ToString(format);

    /// <summary>Writes <paramref name="document"/> to <c>artifacts/bench/bench-&lt;time&gt;.json</c> and <c>latest.json</c>, atomically.</summary>
    public static string Write(Repository repository, object document)
    {
        string folder = repository.Path("artifacts", "bench");
        Directory.CreateDirectory(folder);
        string text = JsonSerializer.Serialize(document, Json);
        string path = Path.Combine(folder, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        WriteAtomically(path, text);
        WriteAtomically(Path.Combine(folder, "latest.json"), text);
        return path;
    }

    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
