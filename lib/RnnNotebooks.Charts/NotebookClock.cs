using System.Diagnostics;
using System.Globalization;

namespace RnnNotebooks.Charts;

/// <summary>
/// The wall-clock time a notebook spends computing, started in its setup cell and shown in its last cell,
/// in the same words in every notebook.
/// </summary>
public sealed class NotebookClock
{
    private readonly Stopwatch _watch;

    private NotebookClock() => _watch = Stopwatch.StartNew();

    /// <summary>Starts a clock.</summary>
    public static NotebookClock StartNew() => new();

    /// <summary>Time since the clock started.</summary>
    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>The closing line, e.g. "Computed in 12.3 s (wall clock, this machine)."</summary>
    public override string ToString() =>
        $"Computed in {Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s (wall clock, this machine).";

    /// <summary>The closing line as HTML.</summary>
    public string ToHtml() => $"<p><em>{ToString()}</em></p>";
}
