using RnnNotebooks.Charts;

namespace RnnNotebooks.Tests.Charts;

public class ProgressTests
{
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void Live_progress_shows_at_most_one_status_per_interval_and_flushes_the_last()
    {
        var shown = new List<object>();
        var time = new ManualTime();
        var progress = new LiveProgress(shown.Add, TimeSpan.FromMilliseconds(500), time);

        progress.Report("epoch 1");
        time.Ticks = 100;
        progress.Report("epoch 2");
        time.Ticks = 200;
        progress.Report("epoch 3");
        Assert.Equal(["epoch 1"], shown);

        time.Ticks = 600;
        progress.Report("epoch 4");
        Assert.Equal(["epoch 1", "epoch 4"], shown);

        time.Ticks = 700;
        progress.Report("done");
        progress.Flush();
        progress.Flush();
        Assert.Equal(["epoch 1", "epoch 4", "done"], shown);
        Assert.Equal(3, progress.Shown);
    }

    [Fact]
    public void Parallel_runs_return_results_in_key_order_and_end_on_every_final_status()
    {
        var tables = new List<ResultTable>();
        int running = 0, most = 0;
        var results = ParallelRuns.Run([3, 1, 2, 5], (k, report) =>
        {
            int now = Interlocked.Increment(ref running);
            lock (tables) most = Math.Max(most, now);
            Thread.Sleep(20 * k);
            report($"done {k * k}");
            Interlocked.Decrement(ref running);
            return k * k;
        }, first => { tables.Add((ResultTable)first); return o => { lock (tables) tables.Add((ResultTable)o); }; }, "k", maxParallel: 2, interval: TimeSpan.FromMilliseconds(10));

        Assert.Equal([9, 1, 4, 25], results);
        Assert.InRange(most, 1, 2);
        var last = tables[^1];
        Assert.Equal(["k", "progress"], last.Columns);
        Assert.Equal(["done 9", "done 1", "done 4", "done 25"], last.Rows.Select(r => r[1]).ToArray());
    }

    [Fact]
    public void A_failing_run_is_rethrown_as_itself_after_the_others_finish()
    {
        int finished = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => ParallelRuns.Run(["ok", "bad", "ok too"], (k, _) =>
        {
            if (k == "bad") throw new InvalidOperationException("diverged");
            Thread.Sleep(50);
            Interlocked.Increment(ref finished);
            return k;
        }, _ => _ => { }, interval: TimeSpan.FromMilliseconds(5)));
        Assert.Equal("diverged", ex.Message);
        Assert.Equal(2, finished);
    }

    [Fact]
    public void The_notebook_clock_reads_the_same_in_every_notebook()
    {
        var clock = NotebookClock.StartNew();
        Assert.Matches(@"^Computed in \d+\.\d s \(wall clock, this machine\)\.$", clock.ToString());
        Assert.Equal($"<p><em>{clock}</em></p>".Length, clock.ToHtml().Length);
    }
}
