using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RnnNotebooks.Runner;

/// <summary>What a person watching the runner sees: each notebook, its cells with their elapsed time, and what the running cell shows.</summary>
internal abstract class RunProgress
{
    /// <summary>A live view on a terminal; plain lines otherwise (CI logs, redirected output).</summary>
    public static RunProgress For(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal ? new LiveRunProgress(console) : new PlainRunProgress(console);

    public abstract Task RunAsync(Func<RunProgress, Task> work);

    public abstract void NotebookStarted(int index, int count, string name);

    public abstract void CellStarted(int cell);

    public abstract void CellFinished(int cell, string status, double seconds);

    /// <summary>The running cell's own progress display changed (its latest text).</summary>
    public abstract void CellProgress(int cell, string text);

    /// <summary>An engine message: a library build, a package restore.</summary>
    public abstract void Log(string message);

    public abstract void NotebookFinished(NotebookOutcome outcome);

    protected static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The closing table, one row per notebook.</summary>
    public static Table Summary(IReadOnlyList<NotebookOutcome> outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Notebooks");
        table.AddColumn("Notebook").AddColumn(new TableColumn("Cells").RightAligned()).AddColumn(new TableColumn("Seconds").RightAligned()).AddColumn("Status");
        foreach (var o in outcomes)
            table.AddRow(Markup.Escape(o.Name), o.Cells.ToString(CultureInfo.InvariantCulture),
                o.Seconds.ToString("0.0", CultureInfo.InvariantCulture), o.Status == "ok" ? "[green]ok[/]" : $"[red]{Markup.Escape(o.Status)}[/]");
        var total = outcomes.Sum(o => o.Seconds);
        table.Caption($"{outcomes.Count(o => o.Status == "ok")} of {outcomes.Count} ran, {total.ToString("0.0", CultureInfo.InvariantCulture)} s in all");
        return table;
    }
}

/// <summary>How one notebook's run ended.</summary>
internal sealed record NotebookOutcome(string Name, int Cells, double Seconds, string Status, string? Detail);

/// <summary>Plain lines, one per event that matters; a cell's own progress at most every few seconds.</summary>
internal sealed class PlainRunProgress(IAnsiConsole console) : RunProgress
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private readonly Stopwatch _cellWatch = new();
    private string? _pendingProgress;

    public override Task RunAsync(Func<RunProgress, Task> work) => work(this);

    private void Line(string text) => console.WriteLine(text);

    public override void NotebookStarted(int index, int count, string name) => Line($"[{index}/{count}] {name}");

    public override void CellStarted(int cell)
    {
        _pendingProgress = null;
        _sinceProgress.Restart();
        _cellWatch.Restart();
    }

    public override void CellFinished(int cell, string status, double seconds)
    {
        Line($"  cell {cell,3}  {status.ToLowerInvariant(),-11} {Seconds(seconds),8}" + (_pendingProgress is null ? "" : $"  {_pendingProgress}"));
        _pendingProgress = null;
    }

    public override void CellProgress(int cell, string text)
    {
        if (_sinceProgress.Elapsed < ProgressEvery)
        {
            _pendingProgress = text;
            return;
        }
        _sinceProgress.Restart();
        _pendingProgress = null;
        Line($"  cell {cell,3}  {"running",-11} {Seconds(_cellWatch.Elapsed.TotalSeconds),8}  {text}");
    }

    public override void Log(string message) => Line($"  {message}");

    public override void NotebookFinished(NotebookOutcome outcome)
    {
        Line($"  {outcome.Status} ({outcome.Cells} cells, {Seconds(outcome.Seconds)})");
        if (outcome.Detail is not null)
            foreach (var line in outcome.Detail.Split('\n').Take(12)) Line($"      {line}");
    }
}

/// <summary>A live view redrawn ten times a second: finished notebooks, then the running one with its cell, elapsed time and progress.</summary>
internal sealed class LiveRunProgress(IAnsiConsole console) : RunProgress
{
    private readonly object _gate = new();
    private readonly List<IRenderable> _done = [];
    private readonly Stopwatch _notebookWatch = new();
    private readonly Stopwatch _cellWatch = new();
    private string? _notebook;
    private int _cell;
    private string? _progress;
    private string? _log;
    private readonly List<string> _cells = [];

    public override async Task RunAsync(Func<RunProgress, Task> work)
    {
        await console.Live(Render()).AutoClear(true).StartAsync(async context =>
        {
            var running = work(this);
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(running, Task.Delay(100));
            }
            await running;
        });
        lock (_gate)
            foreach (var line in _done) console.Write(line);
    }

    private IRenderable Render()
    {
        lock (_gate)
        {
            var rows = new List<IRenderable>(_done);
            if (_notebook is not null)
            {
                rows.Add(new Markup($"[bold]{Markup.Escape(_notebook)}[/]  [grey]{Seconds(_notebookWatch.Elapsed.TotalSeconds)}[/]"));
                if (_cells.Count > 0) rows.Add(new Markup($"  [grey]{Markup.Escape(string.Join("  ", _cells.TakeLast(8)))}[/]"));
                if (_cell > 0)
                    rows.Add(new Markup($"  [yellow]cell {_cell}[/]  {Seconds(_cellWatch.Elapsed.TotalSeconds)}" +
                                        (_log is null ? "" : $"  [blue]{Markup.Escape(_log)}[/]")));
                if (_progress is not null) rows.Add(new Markup($"    {Markup.Escape(_progress)}"));
            }
            return new Rows(rows);
        }
    }

    public override void NotebookStarted(int index, int count, string name)
    {
        lock (_gate)
        {
            _notebook = $"[{index}/{count}] {name}";
            _cells.Clear();
            _cell = 0;
            _progress = _log = null;
            _notebookWatch.Restart();
        }
    }

    public override void CellStarted(int cell)
    {
        lock (_gate)
        {
            _cell = cell;
            _progress = null;
            _log = null;
            _cellWatch.Restart();
        }
    }

    public override void CellFinished(int cell, string status, double seconds)
    {
        lock (_gate) _cells.Add($"{cell}: {(status == "Ok" ? "" : status + " ")}{Seconds(seconds)}");
    }

    public override void CellProgress(int cell, string text)
    {
        lock (_gate) _progress = text;
    }

    public override void Log(string message)
    {
        lock (_gate) _log = message;
    }

    public override void NotebookFinished(NotebookOutcome outcome)
    {
        lock (_gate)
        {
            var colour = outcome.Status == "ok" ? "green" : "red";
            _done.Add(new Markup($"[{colour}]{(outcome.Status == "ok" ? "✓" : "✗")}[/] {Markup.Escape(_notebook ?? outcome.Name)}  " +
                                 $"{outcome.Cells} cells, {Seconds(outcome.Seconds)}  [{colour}]{Markup.Escape(outcome.Status)}[/]\n"));
            if (outcome.Detail is not null && outcome.Status != "ok")
                _done.Add(new Text(string.Join("\n", outcome.Detail.Split('\n').Take(12).Select(l => "      " + l)) + "\n"));
            _notebook = null;
            _cell = 0;
        }
    }
}
