using System.Globalization;

namespace RnnNotebooks.Runner;

/// <summary>The runner's command line.</summary>
internal sealed record RunnerOptions
{
    public List<string> Notebooks { get; } = [];
    public string? OutputDirectory { get; set; }
    public bool InPlace { get; set; }
    public TimeSpan? CellTimeout { get; set; } = TimeSpan.FromMinutes(3);
    public bool Worker { get; set; }
    public string? HtmlPath { get; set; }
    public string? NotebookOutputPath { get; set; }
    public bool ShowHelp { get; set; }
    public bool Offline { get; set; }

    public const string Usage = """
        Runs C# notebooks headlessly and writes executed copies and standalone HTML pages.

        Usage: RnnNotebooks.Runner [notebook.ipynb | folder ...] [options]

          (no paths)        every notebooks/*.ipynb of the repository around the current folder
          --out DIR         where executed .ipynb and .html files go (default: artifacts/notebooks)
          --in-place        write the executed notebook over its source (HTML still goes to --out)
          --timeout SEC     per-cell time limit in seconds; 0 for none (default: 180)
          --offline         resolve #r "nuget: ..." only from packages already on this machine;
                            by default missing packages are restored, as the kernel does
          -h, --help        this text
        """;

    public static RunnerOptions Parse(string[] args)
    {
        var o = new RunnerOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {args[i]} expects a value.");
            switch (args[i])
            {
                case "--out": o.OutputDirectory = Next(); break;
                case "--in-place": o.InPlace = true; break;
                case "--offline": o.Offline = true; break;
                case "--timeout":
                    var text = Next();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                        throw new ArgumentException($"--timeout expects seconds (a number >= 0), got '{text}'.");
                    o.CellTimeout = seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
                    break;
                case "--worker": o.Worker = true; break;
                case "--html": o.HtmlPath = Next(); break;
                case "--notebook-out": o.NotebookOutputPath = Next(); break;
                case "-h" or "--help": o.ShowHelp = true; break;
                case var a when a.StartsWith('-'): throw new ArgumentException($"unknown option '{a}'. Try --help.");
                default: o.Notebooks.Add(args[i]); break;
            }
        }
        return o;
    }
}
