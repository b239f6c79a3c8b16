using System.Globalization;

namespace RnnNotebooks.Bench.Harness;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Benchmarks the library against PyTorch, side by side, and writes artifacts/bench/*.json.

        Usage: dotnet run --project tests/RnnNotebooks.Bench -c Release [-- options]

          --only NAMES     comma-separated workloads (see --list); "gemm" is the kernel table
          --runs N         timed runs per side and workload, alternating (default 3)
          --peer-runs N    PyTorch runs per workload when fewer are wanted (default: --runs)
          --no-peer        skip PyTorch
          --list           the workload names
          -h, --help       this text
        """;

    /// <summary>Workload names to run; empty means all.</summary>
    public List<string> Only { get; } = [];

    /// <summary>Timed runs of our side.</summary>
    public int Runs { get; set; } = 3;

    /// <summary>Timed runs of the PyTorch side.</summary>
    public int? PeerRuns { get; set; }

    /// <summary>Whether to skip PyTorch entirely.</summary>
    public bool NoPeer { get; set; }

    /// <summary>Print the workload names and stop.</summary>
    public bool List { get; set; }

    /// <summary>Print the usage and stop.</summary>
    public bool Help { get; set; }

    /// <summary>Whether a workload (or "gemm") was selected.</summary>
    public bool Selected(string name) => Only.Count == 0 || Only.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses the arguments; throws with a clear message on a bad one.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} expects a value.");
            int Count(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n : throw new ArgumentException($"Expected a positive whole number of runs; got '{text}'.");
            switch (args[i])
            {
                case "--only": options.Only.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--runs": options.Runs = Count(Next()); break;
                case "--peer-runs": options.PeerRuns = Count(Next()); break;
                case "--no-peer": options.NoPeer = true; break;
                case "--list": options.List = true; break;
                case "-h" or "--help": options.Help = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Try --help.");
            }
        }
        return options;
    }
}
