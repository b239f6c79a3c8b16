using System.Text.Json;

namespace RnnNotebooks.Bench.Harness;

/// <summary>Runs workloads with our library and with PyTorch, alternating, and collects the timings.</summary>
public sealed class BenchRunner(Repository repository, BenchOptions options, double peakGflops)
{
    /// <summary>Measures one workload, or says why it was skipped.</summary>
    public WorkloadReport Run(Workload workload)
    {
        Console.WriteLine($"\n== {workload.Name}: {workload.Description}");
        if (workload.Unavailable(repository) is { } reason)
        {
            Console.WriteLine($"  not available yet: {reason}");
            return new WorkloadReport(workload.Name, workload.Description, workload.Target, workload.Steps, reason, null, null, workload.Flops, peakGflops);
        }
        try
        {
            workload.Prepare(repository);
        }
        catch (Exception e)
        {
            Console.WriteLine($"  could not prepare: {e.Message}");
            return new WorkloadReport(workload.Name, workload.Description, workload.Target, workload.Steps, e.Message, null, null, workload.Flops, peakGflops);
        }

        bool peer = workload.PeerScript is not null && !options.NoPeer;
        int peerRuns = peer ? options.PeerRuns ?? options.Runs : 0;
        var ours = new List<double>();
        var torch = new List<double>();
        IReadOnlyDictionary<string, object?>? ourResult = null, torchResult = null;
        string? ourError = null, torchError = null;
        for (int run = 0; run < Math.Max(options.Runs, peerRuns); run++)
        {
            if (run < options.Runs && ourError is null)
            {
                try
                {
                    var measurement = workload.RunOurs(repository);
                    ours.Add(measurement.Seconds);
                    ourResult = measurement.Result;
                    Console.WriteLine($"  ours  run {run + 1}: {measurement.Seconds,9:F4} s  {Describe(measurement.Result)}");
                }
                catch (Exception e)
                {
                    ourError = $"{e.GetType().Name}: {e.Message}";
                    Console.WriteLine($"  ours  failed: {ourError}");
                }
            }
            if (run < peerRuns && torchError is null)
            {
                if (PythonPeer.Run(repository, workload.PeerScript!, workload.PeerArguments) is { } line)
                {
                    double seconds = line.GetProperty("seconds").GetDouble();
                    torch.Add(seconds);
                    torchResult = PeerResult(line);
                    Console.WriteLine($"  torch run {run + 1}: {seconds,9:F4} s  {Describe(torchResult)}");
                }
                else
                {
                    torchError = "the PyTorch script failed (message above)";
                }
            }
        }
        return new WorkloadReport(workload.Name, workload.Description, workload.Target, workload.Steps, null,
            new SideReport(ours, ourResult, ourError), peer ? new SideReport(torch, torchResult, torchError) : null,
            workload.Flops, peakGflops);
    }

    private static readonly HashSet<string> PeerBookkeeping = ["seconds", "threads", "torch", "blas"];

    private static Dictionary<string, object?> PeerResult(JsonElement line) =>
        line.EnumerateObject().Where(p => !PeerBookkeeping.Contains(p.Name)).ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    /// <summary>A result as one line: <c>loss=1.2e-05 rollout_rmse=0.031</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, object?>? result) =>
        result is null ? "" : string.Join("  ", result.Select(p => $"{p.Key}={Format(p.Value)}"));

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("G6"),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble().ToString("G6"),
        JsonElement { ValueKind: JsonValueKind.Array } e => "[" + string.Join(", ", e.EnumerateArray().Select(x => Format(x))) + "]",
        JsonElement e => e.ToString(),
        IEnumerable<double> list => "[" + string.Join(", ", list.Select(x => x.ToString("G4"))) + "]",
        _ => value?.ToString() ?? "null",
    };
}
